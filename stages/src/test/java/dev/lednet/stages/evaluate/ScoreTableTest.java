package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.schemas.CityscapesLabels;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

  @Test
  void scoresAreFormattedAsPythonFormatsThem() {
    assertEquals("0.500", ScoreTable.score(0.5));
    assertEquals("0.123", ScoreTable.score(0.12349));
    assertEquals("  nan", ScoreTable.score(Double.NaN));
  }

  @Test
  void trainIdTableListsTheNineteenClassesAndLednetsMean() {
    int size = IdSpace.TRAIN_IDS.matrixSize();
    long[] counts = new long[size * size];
    counts[0] = 100;
    counts[size] = 100;
    AggregateConfusion.SumConfusion sum = AggregateConfusion.combineFn();
    DatasetConfusion totals =
        sum.extractOutput(
            sum.addInput(
                sum.createAccumulator(),
                FrameConfusion.create("ulm_000000_000019", IdSpace.TRAIN_IDS, counts, List.of())));

    List<String> lines = ScoreTable.of(TrainIdMetrics.of(totals)).lines().toList();

    assertEquals(CityscapesLabels.NUM_TRAIN_CLASSES + 5, lines.size());
    assertEquals("classes          IoU", lines.get(0));
    assertEquals("road          : 0.500", lines.get(2));
    assertEquals("sidewalk      : 0.000", lines.get(3));
    assertEquals("bicycle       : 0.000", lines.get(20));
    assertEquals("MEAN IoU      : 0.026", lines.get(22));
  }
}

package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameScoresTest {

  /** Road: 100 px right; sidewalk: 100 px predicted as road. Nothing else. */
  private static FrameConfusion roadAndSidewalk(String frameId) {
    int size = IdSpace.TRAIN_IDS.matrixSize();
    long[] counts = new long[size * size];
    counts[0] = 100;
    counts[size] = 100;
    return FrameConfusion.create(frameId, IdSpace.TRAIN_IDS, counts, List.of());
  }

  @Test
  void classesInNeitherTruthNorPredictionHaveNoIouAndDoNotCountInTheMean() {
    FrameScores scores = FrameScores.of(roadAndSidewalk("ulm_000000_000019"));

    assertEquals(0.5, scores.classIou().get("road"));
    assertEquals(0.0, scores.classIou().get("sidewalk"));
    assertTrue(Double.isNaN(scores.classIou().get("building")));
    assertEquals(19, scores.classIou().size());
    assertEquals(0.25, scores.meanIou());
  }

  @Test
  void jsonLineRoundTripsWithNullForNaN() {
    FrameScores scores = FrameScores.of(roadAndSidewalk("ulm_000000_000019"));
    String line = scores.toJsonLine();

    assertTrue(
        line.startsWith(
            "{\"frameId\":\"ulm_000000_000019\",\"ids\":\"trainIds\",\"meanIoU\":0.25,"
                + "\"classIoU\":{\"road\":0.5,\"sidewalk\":0.0,\"building\":null,"),
        line);
    FrameScores read = FrameScores.fromJsonLine(line);
    assertEquals(scores.frameId(), read.frameId());
    assertEquals(scores.ids(), read.ids());
    assertEquals(scores.meanIou(), read.meanIou());
    assertEquals(scores.classIou().keySet(), read.classIou().keySet());
    assertEquals(0.5, read.classIou().get("road"));
    assertTrue(Double.isNaN(read.classIou().get("building")));
  }

  @Test
  void badnessPutsLowerMeansFirstAndFramesWithoutScoresLast() {
    FrameScores bad = new FrameScores("a_000000_000001", IdSpace.TRAIN_IDS, java.util.Map.of(), 0.1);
    FrameScores tieLater = new FrameScores("b_000000_000001", IdSpace.TRAIN_IDS, java.util.Map.of(), 0.1);
    FrameScores good = new FrameScores("c_000000_000001", IdSpace.TRAIN_IDS, java.util.Map.of(), 0.9);
    FrameScores unscored = new FrameScores("d_000000_000001", IdSpace.TRAIN_IDS, java.util.Map.of(), Double.NaN);

    List<FrameScores> worstFirst =
        java.util.stream.Stream.of(unscored, good, tieLater, bad)
            .sorted(FrameScores.byBadness().reversed())
            .toList();

    assertEquals(List.of(bad, tieLater, good, unscored), worstFirst);
  }
}

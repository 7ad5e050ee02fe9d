package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainIdMetricsTest {

  private static TrainIdMetrics metricsOf(byte[] truth, byte[] prediction) {
    long[] counts = PixelTally.count(truth, prediction).confusion(IdSpace.TRAIN_IDS);
    FrameConfusion frame = FrameConfusion.create("a_000000_000000", IdSpace.TRAIN_IDS, counts, List.of());
    AggregateConfusion.SumConfusion fn = AggregateConfusion.combineFn();
    return TrainIdMetrics.of(fn.extractOutput(fn.addInput(fn.createAccumulator(), frame)));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void iouIsTpOverTpFpFnWithIgnoredGroundTruthNeverAFalsePositive() {
    // pixel:        1  2  3  4    5    6  7   8
    // truth:        0  0  1  1    255  2  0   1
    // prediction:   0  1  1  255  0    2  19  1
    // class 0: tp 1 (px1), fn 2 (px2 as 1, px7 as 19), px5 is ignored ground truth, not an fp
    // class 1: tp 2 (px3, px8), fp 1 (px2), fn 1 (px4 predicted as ignored)
    // class 2: tp 1 (px6)
    TrainIdMetrics metrics =
        metricsOf(bytes(0, 0, 1, 1, 255, 2, 0, 1), bytes(0, 1, 1, 255, 0, 2, 19, 1));
    assertEquals(List.of(1L, 0L, 2L), List.of(metrics.truePositives(0), metrics.falsePositives(0), metrics.falseNegatives(0)));
    assertEquals(List.of(2L, 1L, 1L), List.of(metrics.truePositives(1), metrics.falsePositives(1), metrics.falseNegatives(1)));
    assertEquals(List.of(1L, 0L, 0L), List.of(metrics.truePositives(2), metrics.falsePositives(2), metrics.falseNegatives(2)));
    assertEquals(1.0 / 3, metrics.iou(0), 1e-14);
    assertEquals(0.5, metrics.iou(1), 1e-14);
    assertEquals(1.0, metrics.iou(2), 1e-14);
    // iouEval.py's epsilon, bit for bit.
    assertEquals(1 / (3 + 1e-15), metrics.iou(0));
    assertEquals(1 / (1 + 1e-15), metrics.iou(2));
    assertEquals(0.0, metrics.iou(3));
  }

  @Test
  void meanCountsEveryAbsentClassAsZeroLikeLednet() {
    TrainIdMetrics metrics =
        metricsOf(bytes(0, 0, 1, 1, 255, 2, 0, 1), bytes(0, 1, 1, 255, 0, 2, 19, 1));
    assertEquals((1.0 / 3 + 0.5 + 1.0) / 19, metrics.meanIou(), 1e-15);
    assertEquals(19, metrics.classIou().size());
    assertEquals(0.5, metrics.classIou().get("sidewalk"), 1e-15);
  }

  @Test
  void labelIdsTotalsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TrainIdMetrics.of(totals(IdSpace.LABEL_IDS)));
  }

  @Test
  void cityscapesMetricsRefuseTrainIdsTotals() {
    assertThrows(IllegalArgumentException.class, () -> CityscapesMetrics.of(totals(IdSpace.TRAIN_IDS)));
  }

  private static DatasetConfusion totals(IdSpace ids) {
    int size = ids.matrixSize();
    FrameConfusion frame = FrameConfusion.create("a_000000_000000", ids, new long[size * size], List.of());
    AggregateConfusion.SumConfusion fn = AggregateConfusion.combineFn();
    return fn.extractOutput(fn.addInput(fn.createAccumulator(), frame));
  }
}

package dev.lednet.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.lednet.DecoderMode;
import dev.lednet.model.lednet.Lednet;
import org.junit.jupiter.api.Test;

class LednetTrainerTest {

  /** Left half class 0 on dark pixels, right half class 1 on bright ones, top rows void. */
  static TrainingBatch stripes(int n, int h, int w, int divisor) {
    float[] pixels = new float[n * 3 * h * w];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            pixels[((i * 3 + c) * h + y) * w + x] = x < w / 2 ? 0.1f + 0.05f * c : 0.9f - 0.1f * c;
          }
        }
      }
    }
    int lh = h / divisor;
    int lw = w / divisor;
    long[] labels = new long[n * lh * lw];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < lh; y++) {
        for (int x = 0; x < lw; x++) {
          labels[(i * lh + y) * lw + x] = y < lh / 8 ? 19 : (x < lw / 2 ? 0 : 1);
        }
      }
    }
    return new TrainingBatch(n, h, w, pixels, lh, lw, labels);
  }

  @Test
  void fewStepsOfTheFullNetworkLowerTheLoss() {
    assertFewStepsLowerTheLoss(TrainingPhase.FULL);
  }

  @Test
  void fewStepsOfTheEncoderLowerTheLoss() {
    assertFewStepsLowerTheLoss(TrainingPhase.ENCODER);
  }

  private static void assertFewStepsLowerTheLoss(TrainingPhase phase) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Lednet net = ModelFiles.initialisedLednet(7, DecoderMode.INPUT, manager);
      try (LednetTrainer trainer =
          LednetTrainer.start(
              net, manager, phase, ClassWeights.reference(phase == TrainingPhase.ENCODER))) {
        TrainingBatch batch = stripes(2, 64, 96, phase.labelDivisor());
        float first = trainer.step(batch, 5e-3f);
        float last = first;
        for (int i = 0; i < 8; i++) {
          last = trainer.step(batch, 5e-3f);
        }
        assertTrue(last < first * 0.5f, "loss " + first + " -> " + last);
      }
    }
  }

  @Test
  void stepsAndEvaluationsLeaveNoArraysBehind() {
    // A training run takes hundreds of thousands of steps: one array left per parameter per step
    // grew a 12-epoch run to 24 GB of native memory.
    try (NDManager manager = NDManager.newBaseManager()) {
      Lednet net = ModelFiles.initialisedLednet(7, DecoderMode.INPUT, manager);
      try (LednetTrainer trainer =
          LednetTrainer.start(net, manager, TrainingPhase.FULL, ClassWeights.reference(false))) {
        TrainingBatch batch = stripes(2, 64, 96, 1);
        trainer.step(batch, 5e-3f);
        trainer.evaluate(batch);
        int arrays = manager.getManagedArrays().size();
        for (int i = 0; i < 3; i++) {
          trainer.step(batch, 5e-3f);
          trainer.evaluate(batch);
        }
        assertEquals(arrays, manager.getManagedArrays().size(), "arrays on the model's manager");
      }
    }
  }
}

package dev.lednet.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * Expected values from PyTorch 1.13.1: {@code NLLLoss(weight=[1.5, 0.5, 0])(log_softmax(s, 1), y)}
 * for the 2x3x2x2 scores {@code (arange(24) % 5) * 0.7 - 1} and labels below, the loss the
 * reference's CrossEntropyLoss2d computes, and its gradient with respect to the scores.
 */
class WeightedCrossEntropyTest {

  @Test
  void lossAndGradientEqualPytorchWeightedNllOfLogSoftmax() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] s = new float[24];
      for (int i = 0; i < 24; i++) {
        s[i] = (i % 5) * 0.7f - 1f;
      }
      NDArray scores = m.create(s, new Shape(2, 3, 2, 2));
      scores.setRequiresGradient(true);
      NDArray labels = m.create(new long[] {0, 2, 1, 2, 2, 2, 0, 1}, new Shape(2, 1, 2, 2));
      WeightedCrossEntropy loss = new WeightedCrossEntropy(ClassWeights.of(1.5, 0.5));
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray l = loss.loss(scores, labels);
        assertEquals(1.63686347f, l.getFloat(), 1e-6f);
        c.backward(l);
      }
      assertArrayEquals(
          new float[] {
            -0.360357761f, 0f, 0.0717079341f, 0f, 0.240786642f, 0f, -0.0893908888f, 0f,
            0.119571112f, 0f, 0.0176829584f, 0f, 0f, 0f, -0.159876168f, 0.00488075009f,
            0f, 0f, 0.106827319f, -0.0447377861f, 0f, 0f, 0.0530488752f, 0.0398570374f
          },
          scores.getGradient().toFloatArray(),
          1e-6f);
    }
  }

  @Test
  void aBatchOfOnlyVoidPixelsHasLossZeroNotNan() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray scores = m.randomNormal(new Shape(1, 3, 2, 2));
      NDArray labels = m.full(new Shape(1, 1, 2, 2), 2L);
      assertEquals(0f, Math.abs(new WeightedCrossEntropy(ClassWeights.of(1, 1)).loss(scores, labels).getFloat()));
    }
  }

  @Test
  void enetWeightsFollowOneOverLogOfOnePointOhTwoPlusShare() {
    float[] w = ClassWeights.enet(new long[] {75, 25, 0}).toArray();
    assertArrayEquals(
        new float[] {(float) (1 / Math.log(1.77)), (float) (1 / Math.log(1.27)), (float) (1 / Math.log(1.02)), 0f},
        w,
        1e-6f);
  }
}

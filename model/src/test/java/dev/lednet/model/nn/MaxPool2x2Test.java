package dev.lednet.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import org.junit.jupiter.api.Test;

class MaxPool2x2Test {

  @Test
  void inferenceGivesExactlyLibtorchsMaxPoolOnOddAndEvenSizes() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (Shape shape : new Shape[] {new Shape(2, 5, 8, 12), new Shape(1, 3, 7, 9)}) {
        NDArray x = m.randomNormal(shape);
        NDArray expected = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        NDArray pooled = MaxPool2x2.apply(x, false);
        assertEquals(expected.getShape(), pooled.getShape());
        assertArrayEquals(expected.toFloatArray(), pooled.toFloatArray(), 0f);
      }
    }
  }

  @Test
  void aNanInAWindowMakesItsMaximumNanAsInLibtorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      float nan = Float.NaN;
      NDArray x =
          m.create(new float[] {1, nan, 5, 6, 2, 3, 7, Float.NEGATIVE_INFINITY}, new Shape(1, 1, 2, 4));
      float[] pooled = MaxPool2x2.apply(x, false).toFloatArray();
      float[] expected =
          Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false).toFloatArray();
      assertTrue(Float.isNaN(expected[0]) && Float.isNaN(pooled[0]));
      assertEquals(expected[1], pooled[1]);
      assertEquals(7f, pooled[1]);
    }
  }

  @Test
  void trainingPoolsWithLibtorchSoGradientsGoToTheFirstMaximum() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(1, 1, 2, 2));
      x.setRequiresGradient(true);
      try (ai.djl.training.GradientCollector collector =
          ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
        collector.backward(MaxPool2x2.apply(x, true).sum());
      }
      // Four tied zeros: libtorch's max_pool2d credits the first; an element-wise maximum would split it.
      assertArrayEquals(new float[] {1, 0, 0, 0}, x.getGradient().toFloatArray(), 0f);
    }
  }
}

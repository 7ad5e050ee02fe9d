package dev.lednet.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Exactness against PyTorch is shown on the whole network by ReferenceParityTest. */
class AlignCornersBilinearTest {

  @Test
  void cornersOfTheInputLandOnCornersOfTheOutput() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
      NDArray y = AlignCornersBilinear.resize(x, 3, 5);
      // align_corners=True: rows 0 and 2 are the input rows, the middle row their mean.
      assertArrayEquals(
          new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1, 1.25f, 1.5f, 1.75f, 2, 2, 2.25f, 2.5f, 2.75f, 3},
          y.toFloatArray(),
          1e-6f);
    }
  }

  @Test
  void shrinkingPicksTheAlignedSamplesAndASingleOutputTakesTheFirst() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(0f, 25f).reshape(1, 1, 5, 5);
      assertArrayEquals(
          new float[] {0, 2, 4, 10, 12, 14, 20, 22, 24},
          AlignCornersBilinear.resize(x, 3, 3).toFloatArray(),
          1e-6f);
      NDArray one = AlignCornersBilinear.resize(x, 1, 1);
      assertEquals(new Shape(1, 1, 1, 1), one.getShape());
      assertEquals(0f, one.getFloat(0, 0, 0, 0));
    }
  }
}

package dev.lednet.stages.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ScoreArgMaxTest {

  private static byte[] libtorch(NDArray scores) {
    byte[] ids = scores.argMax(0).toType(DataType.UINT8, false).toByteArray();
    for (int i = 0; i < ids.length; i++) {
      if ((ids[i] & 0xff) >= 19) {
        ids[i] = (byte) 255;
      }
    }
    return ids;
  }

  @Test
  void agreesWithLibtorchArgMaxOnScoresWithTiesAndVoidClasses() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Rounded to a few levels so that equal maxima are common: the first one must win.
      NDArray scores = m.randomUniform(0f, 4f, new Shape(20, 37, 53)).floor();
      assertArrayEquals(libtorch(scores), ScoreArgMax.trainIds(scores));
    }
  }

  @Test
  void takesOneFrameOfABatchAndOtherFloatTypes() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray batch = m.randomNormal(new Shape(2, 19, 16, 24));
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(libtorch(batch.get(i)), ScoreArgMax.trainIds(batch.get(i)));
      }
      NDArray doubles = batch.get(1).toType(DataType.FLOAT64, false);
      assertArrayEquals(libtorch(batch.get(1)), ScoreArgMax.trainIds(doubles));
    }
  }

  @Test
  void nanCountsAsTheLargestScoreAsInTorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] v = {
        1f, 5f, Float.NaN, // class 0
        3f, Float.NaN, 2f, // class 1
        2f, 9f, Float.NaN // class 2
      };
      NDArray scores = m.create(v, new Shape(3, 1, 3));
      assertArrayEquals(new byte[] {1, 1, 0}, ScoreArgMax.trainIds(scores));
      assertArrayEquals(libtorch(scores), ScoreArgMax.trainIds(scores));
    }
  }
}

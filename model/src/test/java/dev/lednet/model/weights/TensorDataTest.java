package dev.lednet.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class TensorDataTest {

  @Test
  void halfPrecisionConvertsExactly() {
    assertEquals(1f, TensorData.halfToFloat((short) 0x3c00));
    assertEquals(-2f, TensorData.halfToFloat((short) 0xc000));
    assertEquals(65504f, TensorData.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-14f, TensorData.halfToFloat((short) 0x0400));
    assertEquals(0x1p-24f, TensorData.halfToFloat((short) 0x0001));
    assertEquals(1023 * 0x1p-24f, TensorData.halfToFloat((short) 0x03ff));
    assertEquals(Float.POSITIVE_INFINITY, TensorData.halfToFloat((short) 0x7c00));
    assertEquals(Float.NEGATIVE_INFINITY, TensorData.halfToFloat((short) 0xfc00));
    assertTrue(Float.isNaN(TensorData.halfToFloat((short) 0x7e00)));
    assertEquals(
        Float.floatToIntBits(-0f), Float.floatToIntBits(TensorData.halfToFloat((short) 0x8000)));
  }

  @Test
  void everyTypeConvertsToFloats() {
    assertArrayEquals(
        new float[] {0.1f, -3f}, TensorData.ofDoubles(new long[] {2}, 0.1, -3).toFloats());
    assertArrayEquals(
        new float[] {-1f, 1f},
        TensorData.of(DType.INT8, new long[] {2}, new byte[] {-1, 1}).toFloats());
    assertArrayEquals(
        new float[] {255f, 0f},
        TensorData.of(DType.UINT8, new long[] {2}, new byte[] {-1, 0}).toFloats());
    assertArrayEquals(
        new float[] {1f, 0f},
        TensorData.of(DType.BOOL, new long[] {2}, new byte[] {1, 0}).toFloats());
    assertArrayEquals(
        new float[] {-2f, 40000f},
        TensorData.of(
                DType.INT32, new long[] {2}, new byte[] {-2, -1, -1, -1, 0x40, (byte) 0x9c, 0, 0})
            .toFloats());
  }

  @Test
  void integersAreNotTakenFromFloatingPoint() {
    assertArrayEquals(
        new long[] {Long.MIN_VALUE, 7},
        TensorData.ofLongs(new long[] {2}, Long.MIN_VALUE, 7).toLongs());
    assertThrows(
        IllegalStateException.class, () -> TensorData.ofFloats(new long[] {1}, 1f).toLongs());
  }

  @Test
  void shapeMustMatchTheData() {
    assertThrows(
        IllegalArgumentException.class, () -> TensorData.ofFloats(new long[] {2, 2}, 1, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(new long[] {-1}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorData.of(DType.FLOAT32, new long[] {1L << 40, 1L << 40}, new byte[0]));
    assertEquals(1, TensorData.ofFloats(new long[] {}, 4f).numel());
    assertEquals(0, TensorData.ofFloats(new long[] {0, 3}).numel());
  }

  @Test
  void tensorsCannotBeChangedThroughWhatTheyGiveOut() {
    long[] shape = {2};
    byte[] bytes = {1, 2};
    TensorData tensor = TensorData.of(DType.UINT8, shape, bytes);
    shape[0] = 1;
    bytes[0] = 9;
    tensor.shape()[0] = 5;

    assertArrayEquals(new long[] {2}, tensor.shape());
    assertArrayEquals(new long[] {1, 2}, tensor.toLongs());
    assertThrows(ReadOnlyBufferException.class, () -> tensor.data().put(0, (byte) 3));
  }

  @Test
  void equalTensorsHaveTheSameTypeShapeAndBytes() {
    TensorData tensor = TensorData.ofFloats(new long[] {2}, 1f, 2f);

    assertEquals(tensor, TensorData.ofFloats(new long[] {2}, 1f, 2f));
    assertEquals(tensor.hashCode(), TensorData.ofFloats(new long[] {2}, 1f, 2f).hashCode());
    assertNotEquals(tensor, TensorData.ofFloats(new long[] {2, 1}, 1f, 2f));
    byte[] sameBytes = new byte[8];
    tensor.data().get(sameBytes);
    assertNotEquals(tensor, TensorData.of(DType.INT32, new long[] {2}, sameBytes));
  }

  /** The only test that needs DJL's native engine. */
  @Test
  void ndArraysAreFloat32ForFloatTypesAndKeepIntegerTypes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray doubles =
          TensorData.ofDoubles(new long[] {2, 3}, 0.5, -1, 2, 3, 4, 1e-3).toNDArray(manager);
      NDArray half =
          TensorData.of(DType.FLOAT16, new long[] {2}, new byte[] {0, 0x3c, 0, (byte) 0xc0})
              .toNDArray(manager);
      NDArray longs = TensorData.ofLongs(new long[] {}, Long.MAX_VALUE).toNDArray(manager);
      NDArray ints =
          TensorData.of(DType.INT32, new long[] {1}, new byte[] {-2, -1, -1, -1})
              .toNDArray(manager);
      NDArray bytes =
          TensorData.of(DType.UINT8, new long[] {2}, new byte[] {-1, 1}).toNDArray(manager);
      NDArray bools =
          TensorData.of(DType.BOOL, new long[] {2}, new byte[] {1, 0}).toNDArray(manager);

      assertEquals(DataType.FLOAT32, doubles.getDataType());
      assertEquals(new Shape(2, 3), doubles.getShape());
      assertArrayEquals(new float[] {0.5f, -1, 2, 3, 4, 1e-3f}, doubles.toFloatArray());
      assertArrayEquals(new float[] {1, -2}, half.toFloatArray());
      assertEquals(DataType.INT64, longs.getDataType());
      assertEquals(new Shape(), longs.getShape());
      assertArrayEquals(new long[] {Long.MAX_VALUE}, longs.toLongArray());
      assertEquals(DataType.INT32, ints.getDataType());
      assertArrayEquals(new int[] {-2}, ints.toIntArray());
      assertEquals(DataType.UINT8, bytes.getDataType());
      assertArrayEquals(new byte[] {-1, 1}, bytes.toByteArray());
      assertEquals(DataType.BOOLEAN, bools.getDataType());
      assertArrayEquals(new boolean[] {true, false}, bools.toBooleanArray());
    }
  }
}

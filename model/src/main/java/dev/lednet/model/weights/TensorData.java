package dev.lednet.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a state dict as plain bytes: its element type, its shape and its elements in C
 * (row-major) order, little-endian. Immutable; the conversions copy. Kept free of DJL except for
 * {@link #toNDArray}, so that reading and converting weights needs no native engine.
 */
public final class TensorData {

  private final DType dtype;
  private final long[] shape;
  private final byte[] data;

  private TensorData(DType dtype, long[] shape, byte[] data) {
    this.dtype = Objects.requireNonNull(dtype);
    this.shape = shape.clone();
    this.data = data;
    long expected = byteCount(dtype, this.shape);
    if (data.length != expected) {
      throw new IllegalArgumentException(
          dtype + Arrays.toString(shape) + " needs " + expected + " bytes, got " + data.length);
    }
  }

  /** A tensor from little-endian bytes in C order; the bytes are copied. */
  public static TensorData of(DType dtype, long[] shape, byte[] littleEndianData) {
    return new TensorData(dtype, shape, littleEndianData.clone());
  }

  /** A tensor that takes ownership of {@code littleEndianData}: readers that made the array. */
  static TensorData wrap(DType dtype, long[] shape, byte[] littleEndianData) {
    return new TensorData(dtype, shape, littleEndianData);
  }

  public static TensorData ofFloats(long[] shape, float... values) {
    ByteBuffer bytes = allocate(values.length, 4);
    bytes.asFloatBuffer().put(values);
    return new TensorData(DType.FLOAT32, shape, bytes.array());
  }

  public static TensorData ofDoubles(long[] shape, double... values) {
    ByteBuffer bytes = allocate(values.length, 8);
    bytes.asDoubleBuffer().put(values);
    return new TensorData(DType.FLOAT64, shape, bytes.array());
  }

  public static TensorData ofLongs(long[] shape, long... values) {
    ByteBuffer bytes = allocate(values.length, 8);
    bytes.asLongBuffer().put(values);
    return new TensorData(DType.INT64, shape, bytes.array());
  }

  /**
   * The bytes a tensor of this type and shape takes; fails for negative sizes and for tensors a
   * Java array cannot hold.
   */
  static long byteCount(DType dtype, long[] shape) {
    long elements = 1;
    for (long size : shape) {
      if (size < 0) {
        throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
      }
      try {
        elements = Math.multiplyExact(elements, size);
      } catch (ArithmeticException e) {
        elements = Long.MAX_VALUE;
      }
    }
    // Java arrays cannot be quite Integer.MAX_VALUE long on every VM.
    if (elements > (Integer.MAX_VALUE - 8) / dtype.byteSize()) {
      throw new IllegalArgumentException(
          dtype + Arrays.toString(shape) + " is too large for one Java array");
    }
    return elements * dtype.byteSize();
  }

  private static ByteBuffer allocate(int count, int size) {
    return ByteBuffer.allocate(Math.multiplyExact(count, size)).order(ByteOrder.LITTLE_ENDIAN);
  }

  public DType dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  /** The number of elements: 1 for a scalar (shape {@code []}), 0 if any size is 0. */
  public int numel() {
    return data.length / dtype.byteSize();
  }

  /** The elements, little-endian in C order, as a read-only buffer over this tensor's bytes. */
  public ByteBuffer data() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The elements as floats; float64 and large int64 values are rounded, bool is 0 or 1. */
  public float[] toFloats() {
    float[] values = new float[numel()];
    ByteBuffer in = data();
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (dtype) {
            case FLOAT32 -> in.getFloat(4 * i);
            case FLOAT64 -> (float) in.getDouble(8 * i);
            case FLOAT16 -> halfToFloat(in.getShort(2 * i));
            default -> (float) integerAt(in, i);
          };
    }
    return values;
  }

  /** The elements as doubles, exactly (int64 beyond 2^53 is rounded). */
  public double[] toDoubles() {
    double[] values = new double[numel()];
    ByteBuffer in = data();
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (dtype) {
            case FLOAT32 -> in.getFloat(4 * i);
            case FLOAT64 -> in.getDouble(8 * i);
            case FLOAT16 -> halfToFloat(in.getShort(2 * i));
            default -> (double) integerAt(in, i);
          };
    }
    return values;
  }

  /** The elements of an integer or bool tensor; floating-point tensors are refused, not rounded. */
  public long[] toLongs() {
    if (dtype.isFloatingPoint()) {
      throw new IllegalStateException("toLongs() of a " + dtype + " tensor: it would truncate");
    }
    long[] values = new long[numel()];
    ByteBuffer in = data();
    for (int i = 0; i < values.length; i++) {
      values[i] = integerAt(in, i);
    }
    return values;
  }

  private long integerAt(ByteBuffer in, int index) {
    return switch (dtype) {
      case INT64 -> in.getLong(8 * index);
      case INT32 -> in.getInt(4 * index);
      case INT16 -> in.getShort(2 * index);
      case INT8 -> in.get(index);
      case UINT8, BOOL -> in.get(index) & 0xff;
      default -> throw new IllegalStateException(dtype + " is not an integer type");
    };
  }

  /** IEEE 754 binary16 to float, exactly (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, which a float holds exactly.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
  }

  /**
   * This tensor as a DJL array owned by {@code manager}: float32 for every floating-point type (the
   * type LEDNet computes in), the same type for the integer and bool types. Needs DJL's engine.
   */
  public NDArray toNDArray(NDManager manager) {
    Shape djlShape = new Shape(shape);
    if (dtype.isFloatingPoint()) {
      return manager.create(toFloats(), djlShape);
    }
    if (dtype == DType.INT64) {
      return manager.create(toLongs(), djlShape);
    }
    // The engine reads buffers in native order.
    ByteBuffer nativeOrder = ByteBuffer.allocateDirect(data.length).order(ByteOrder.nativeOrder());
    ByteBuffer in = data();
    for (int i = 0; i < numel(); i++) {
      switch (dtype) {
        case INT32 -> nativeOrder.putInt(in.getInt(4 * i));
        case INT16 -> nativeOrder.putShort(in.getShort(2 * i));
        default -> nativeOrder.put(in.get(i));
      }
    }
    nativeOrder.rewind();
    return manager.create(nativeOrder, djlShape, djlType());
  }

  private DataType djlType() {
    return switch (dtype) {
      case INT32 -> DataType.INT32;
      case INT16 -> DataType.INT16;
      case INT8 -> DataType.INT8;
      case UINT8 -> DataType.UINT8;
      case BOOL -> DataType.BOOLEAN;
      default -> throw new IllegalStateException(dtype.toString());
    };
  }

  /** Same type, shape and bytes (so NaNs with the same bits are equal). */
  @Override
  public boolean equals(Object other) {
    return other instanceof TensorData that
        && dtype == that.dtype
        && Arrays.equals(shape, that.shape)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  /** For example {@code float32[3, 2, 3, 3]}. */
  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}

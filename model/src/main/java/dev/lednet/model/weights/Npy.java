package dev.lednet.model.weights;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One array in numpy's {@code .npy} format, as {@code np.save} and each entry of {@code np.savez}
 * hold it: a header, then the elements. Reads C-order arrays of the {@link DType}s in either byte
 * order; writes version 1.0, as numpy does for every array a state dict has.
 */
public final class Npy {

  private Npy() {}

  /**
   * The array in {@code npy}.
   *
   * @throws IllegalArgumentException for a malformed or truncated array, a Fortran-order array or a
   *     dtype this package does not read
   */
  public static TensorData read(byte[] npy) {
    NpyHeader header = NpyHeader.parse(npy);
    if (header.fortranOrder()) {
      throw new IllegalArgumentException(
          "a Fortran-order (column-major) array, which is not read: save np.ascontiguousarray(a)"
              + " instead");
    }
    String descr = header.descr();
    char order = descr.isEmpty() ? '?' : descr.charAt(0);
    DType dtype =
        "<>|=".indexOf(order) < 0 ? null : DType.ofNumpyKind(descr.substring(1)).orElse(null);
    if (dtype == null) {
      throw new IllegalArgumentException(
          String.format(
              "dtype '%s' is not read; the readable ones are %s",
              descr, Arrays.toString(DType.values())));
    }
    long byteCount = TensorData.byteCount(dtype, header.shape());
    int start = header.dataOffset();
    if (npy.length - start < byteCount) {
      throw new IllegalArgumentException(
          String.format(
              "truncated: %s%s needs %d bytes of data, %d follow the header",
              dtype, Arrays.toString(header.shape()), byteCount, npy.length - start));
    }
    byte[] data = Arrays.copyOfRange(npy, start, start + (int) byteCount);
    boolean bigEndian =
        order == '>' || (order == '=' && ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN);
    if (bigEndian) {
      swapBytes(data, dtype.byteSize());
    }
    return TensorData.wrap(dtype, header.shape(), data);
  }

  /** The {@code .npy} bytes numpy 1.24's {@code np.save} writes for this tensor. */
  public static byte[] write(TensorData tensor) {
    byte[] header = NpyHeader.format(tensor.dtype(), tensor.shape());
    byte[] npy = Arrays.copyOf(header, header.length + tensor.data().remaining());
    tensor.data().get(npy, header.length, npy.length - header.length);
    return npy;
  }

  private static void swapBytes(byte[] data, int elementSize) {
    for (int start = 0; start < data.length; start += elementSize) {
      for (int i = 0, j = elementSize - 1; i < j; i++, j--) {
        byte b = data[start + i];
        data[start + i] = data[start + j];
        data[start + j] = b;
      }
    }
  }
}

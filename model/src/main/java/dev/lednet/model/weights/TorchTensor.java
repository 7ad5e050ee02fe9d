package dev.lednet.model.weights;

import java.util.Arrays;

/**
 * A tensor as a pickle describes it: a view of a storage from an element offset with a size and a
 * stride per dimension. {@link #materialise} copies the viewed elements into C order, so a
 * transposed or sliced tensor saved as it was comes out as the values it shows, not as its storage.
 */
record TorchTensor(TorchStorage storage, long offset, long[] size, long[] stride) {

  TorchTensor {
    if (size.length != stride.length) {
      throw new IllegalArgumentException(
          String.format(
              "size %s and stride %s differ in rank",
              Arrays.toString(size), Arrays.toString(stride)));
    }
  }

  DType dtype() {
    return storage.dtype();
  }

  /** The viewed elements in C order; fails if the view reaches outside its storage. */
  TensorData materialise() {
    DType dtype = storage.dtype();
    int elementSize = dtype.byteSize();
    byte[] out = new byte[Math.toIntExact(TensorData.byteCount(dtype, size))];
    if (out.length == 0) {
      return TensorData.wrap(dtype, size, out);
    }
    // Exact arithmetic: a corrupt stride must not wrap around into the storage.
    long last = offset;
    for (int d = 0; d < size.length; d++) {
      if (stride[d] < 0) {
        throw new IllegalArgumentException("negative stride " + Arrays.toString(stride));
      }
      last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
    }
    if (offset < 0 || last >= storage.numel()) {
      throw new IllegalArgumentException(
          String.format(
              "a view of size %s, stride %s from element %d reaches element %d of storage %s,"
                  + " which has %d",
              Arrays.toString(size),
              Arrays.toString(stride),
              offset,
              last,
              storage.key(),
              storage.numel()));
    }
    byte[] source = storage.data();
    long start = storage.offsetInRoot() + offset;
    if (isContiguous()) {
      System.arraycopy(source, Math.toIntExact(start * elementSize), out, 0, out.length);
      return TensorData.wrap(dtype, size, out);
    }
    int rank = size.length;
    // Copy the innermost dimension in one run when its elements are adjacent.
    boolean innerRun = rank > 0 && (stride[rank - 1] == 1 || size[rank - 1] == 1);
    int runElements = innerRun ? (int) size[rank - 1] : 1;
    int outerRank = innerRun ? rank - 1 : rank;
    int runBytes = runElements * elementSize;
    long[] index = new long[outerRank];
    long element = start;
    for (int written = 0; written < out.length; written += runBytes) {
      System.arraycopy(source, Math.toIntExact(element * elementSize), out, written, runBytes);
      for (int d = outerRank - 1; d >= 0; d--) {
        index[d]++;
        element += stride[d];
        if (index[d] < size[d]) {
          break;
        }
        element -= stride[d] * size[d];
        index[d] = 0;
      }
    }
    return TensorData.wrap(dtype, size, out);
  }

  /** Whether the strides are C order's, ignoring dimensions of size 1 as torch does. */
  private boolean isContiguous() {
    long expected = 1;
    for (int d = size.length - 1; d >= 0; d--) {
      if (size[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= size[d];
    }
    return true;
  }

  @Override
  public String toString() {
    return "tensor " + dtype() + Arrays.toString(size);
  }
}

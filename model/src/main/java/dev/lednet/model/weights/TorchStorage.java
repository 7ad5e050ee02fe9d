package dev.lednet.model.weights;

/**
 * A torch storage named in a pickle: the flat array of elements that tensors view. Its bytes come
 * after the pickle is read (from {@code data/<key>} in a zip file, from the end of a legacy file),
 * so a storage starts empty. A legacy file can also name a slice of a storage (a storage view).
 */
final class TorchStorage {

  private final String key;
  private final DType dtype;
  private final long numel;
  private final TorchStorage root;
  private final long offsetInRoot;
  private byte[] data;

  private TorchStorage(String key, DType dtype, long numel, TorchStorage root, long offsetInRoot) {
    this.key = key;
    this.dtype = dtype;
    this.numel = numel;
    this.root = root;
    this.offsetInRoot = offsetInRoot;
  }

  static TorchStorage of(String key, DType dtype, long numel) {
    if (numel < 0) {
      throw new IllegalArgumentException("storage " + key + " has " + numel + " elements");
    }
    return new TorchStorage(key, dtype, numel, null, 0);
  }

  /** Elements {@code offset} to {@code offset + numel} of this (root) storage. */
  TorchStorage slice(long offset, long sliceNumel) {
    if (offset < 0 || sliceNumel < 0 || offset > numel - sliceNumel) {
      throw new IllegalArgumentException(
          String.format(
              "a view of elements %d+%d does not fit storage %s of %d elements",
              offset, sliceNumel, key, numel));
    }
    return new TorchStorage(key, dtype, sliceNumel, this, offset);
  }

  String key() {
    return key;
  }

  DType dtype() {
    return dtype;
  }

  long numel() {
    return numel;
  }

  /** The storage whose bytes the file holds: this one unless this is a slice. */
  TorchStorage root() {
    return root == null ? this : root;
  }

  long offsetInRoot() {
    return offsetInRoot;
  }

  long byteCount() {
    return numel * dtype.byteSize();
  }

  boolean hasData() {
    return root().data != null;
  }

  byte[] data() {
    return root().data;
  }

  /** Gives a root storage its bytes, which must be exactly its elements. */
  void setData(byte[] bytes) {
    if (root != null) {
      throw new IllegalStateException("bytes go to the root storage, not a slice");
    }
    if (bytes.length != byteCount()) {
      throw new IllegalArgumentException(
          String.format(
              "storage %s holds %d bytes; %d %s elements take %d",
              key, bytes.length, numel, dtype, byteCount()));
    }
    data = bytes;
  }
}

package dev.lednet.model.weights;

import java.util.Locale;
import java.util.Optional;

/**
 * The element types a state dict holds, with the names numpy and torch give them. Data is always
 * kept little-endian, so a numpy descr here is the {@code '<'} (or {@code '|'} for one byte) form.
 */
public enum DType {
  FLOAT32("<f4", 4, "FloatStorage"),
  FLOAT64("<f8", 8, "DoubleStorage"),
  FLOAT16("<f2", 2, "HalfStorage"),
  INT64("<i8", 8, "LongStorage"),
  INT32("<i4", 4, "IntStorage"),
  INT16("<i2", 2, "ShortStorage"),
  INT8("|i1", 1, "CharStorage"),
  UINT8("|u1", 1, "ByteStorage"),
  BOOL("|b1", 1, "BoolStorage");

  private final String numpyDescr;
  private final int byteSize;
  private final String torchStorage;

  DType(String numpyDescr, int byteSize, String torchStorage) {
    this.numpyDescr = numpyDescr;
    this.byteSize = byteSize;
    this.torchStorage = torchStorage;
  }

  /** The numpy dtype string, for example {@code <f4}. */
  public String numpyDescr() {
    return numpyDescr;
  }

  public int byteSize() {
    return byteSize;
  }

  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64 || this == FLOAT16;
  }

  /** The type for a numpy descr without its byte-order character, for example {@code f4}. */
  static Optional<DType> ofNumpyKind(String kindAndSize) {
    for (DType type : values()) {
      if (type.numpyDescr.substring(1).equals(kindAndSize)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The type of a torch storage class such as {@code FloatStorage}; {@code UntypedStorage} holds
   * bytes, as torch reads it.
   */
  static Optional<DType> ofTorchStorage(String className) {
    if (className.equals("UntypedStorage")) {
      return Optional.of(UINT8);
    }
    for (DType type : values()) {
      if (type.torchStorage.equals(className)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.lednet.stages.image;

/**
 * Rows of an image produced on demand, for {@link Png#encodeRows}: lets a caller that computes
 * pixels (a label lookup, say) stream them into the encoder without materialising the raster.
 */
@FunctionalInterface
public interface PngRows {

  /** Fills {@code into} with row {@code y} as PNG stores it (16-bit samples big-endian). */
  void row(int y, byte[] into);
}

package dev.lednet.stages.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decoded pixels: 8-bit gray, 16-bit gray, RGB, RGBA or palette indices, row-major and
 * interleaved. The arrays are shared, not copied: a stage that changes pixels makes its own copy
 * first (Beam forbids mutating inputs).
 */
public final class Raster {

  /** The pixel formats that Cityscapes files use. */
  public enum Format {
    GRAY8(1, 8),
    GRAY16(1, 16),
    RGB8(3, 8),
    RGBA8(4, 8),
    /** Palette indices, 8 bits; the palette is {@link #palette()}. */
    INDEXED8(1, 8);

    private final int channels;
    private final int bitDepth;

    Format(int channels, int bitDepth) {
      this.channels = channels;
      this.bitDepth = bitDepth;
    }

    public int channels() {
      return channels;
    }

    public int bitDepth() {
      return bitDepth;
    }
  }

  private final int width;
  private final int height;
  private final Format format;
  private final byte[] bytes;
  private final short[] shorts;
  private final int[] palette;

  private Raster(int width, int height, Format format, byte[] bytes, short[] shorts, int[] palette) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("raster size must be positive: " + width + "x" + height);
    }
    long samples = (long) width * height * format.channels();
    int length = bytes != null ? bytes.length : shorts.length;
    if (length != samples) {
      throw new IllegalArgumentException(
          format + " raster of " + width + "x" + height + " needs " + samples + " samples, got " + length);
    }
    this.width = width;
    this.height = height;
    this.format = format;
    this.bytes = bytes;
    this.shorts = shorts;
    this.palette = palette;
  }

  public static Raster gray8(int width, int height, byte[] pixels) {
    return new Raster(width, height, Format.GRAY8, Objects.requireNonNull(pixels), null, null);
  }

  public static Raster gray16(int width, int height, short[] pixels) {
    return new Raster(width, height, Format.GRAY16, null, Objects.requireNonNull(pixels), null);
  }

  public static Raster rgb(int width, int height, byte[] pixels) {
    return new Raster(width, height, Format.RGB8, Objects.requireNonNull(pixels), null, null);
  }

  public static Raster rgba(int width, int height, byte[] pixels) {
    return new Raster(width, height, Format.RGBA8, Objects.requireNonNull(pixels), null, null);
  }

  /**
   * Palette indices with a palette of {@code 0xRRGGBB} entries (at most 256). Alpha in the palette
   * is not kept.
   */
  public static Raster indexed(int width, int height, byte[] indices, int[] palette) {
    if (palette.length == 0 || palette.length > 256) {
      throw new IllegalArgumentException("a palette has 1..256 entries, got " + palette.length);
    }
    return new Raster(width, height, Format.INDEXED8, Objects.requireNonNull(indices), null, palette.clone());
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public Format format() {
    return format;
  }

  public int channels() {
    return format.channels();
  }

  public int bitDepth() {
    return format.bitDepth();
  }

  /** The 8-bit samples (every format but {@code GRAY16}), shared. */
  public byte[] bytes() {
    if (bytes == null) {
      throw new IllegalStateException(format + " raster has 16-bit samples: use shorts()");
    }
    return bytes;
  }

  /** The 16-bit samples of a {@code GRAY16} raster, unsigned in a short, shared. */
  public short[] shorts() {
    if (shorts == null) {
      throw new IllegalStateException(format + " raster has 8-bit samples: use bytes()");
    }
    return shorts;
  }

  /** The palette of an {@code INDEXED8} raster as {@code 0xRRGGBB}, a copy. */
  public int[] palette() {
    if (palette == null) {
      throw new IllegalStateException(format + " raster has no palette");
    }
    return palette.clone();
  }

  /** One sample as an unsigned value. */
  public int sample(int x, int y, int channel) {
    int i = (y * width + x) * format.channels() + channel;
    return bytes != null ? bytes[i] & 0xff : shorts[i] & 0xffff;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Raster other)) {
      return false;
    }
    return width == other.width
        && height == other.height
        && format == other.format
        && Arrays.equals(bytes, other.bytes)
        && Arrays.equals(shorts, other.shorts)
        && Arrays.equals(palette, other.palette);
  }

  @Override
  public int hashCode() {
    return Objects.hash(width, height, format, Arrays.hashCode(bytes), Arrays.hashCode(shorts));
  }

  @Override
  public String toString() {
    return format + " " + width + "x" + height;
  }
}

package dev.lednet.stages.image;

import java.util.Optional;

/**
 * What a PNG's IHDR chunk says about its pixels, read without inflating them, so that a stage can
 * reject a wrongly shaped file (an RGB prediction, a 16-bit label map, the wrong size) before paying
 * for a decode.
 *
 * @param bitDepth bits per sample as stored (1, 2, 4, 8 or 16)
 */
public record PngInfo(int width, int height, int bitDepth, ColorType colorType, boolean interlaced) {

  /** The PNG colour types, with the code IHDR stores and the samples per pixel. */
  public enum ColorType {
    GRAY(0, 1),
    RGB(2, 3),
    PALETTE(3, 1),
    GRAY_ALPHA(4, 2),
    RGBA(6, 4);

    private final int code;
    private final int channels;

    ColorType(int code, int channels) {
      this.code = code;
      this.channels = channels;
    }

    /** The colour type number stored in IHDR. */
    public int code() {
      return code;
    }

    public int channels() {
      return channels;
    }

    static Optional<ColorType> ofCode(int code) {
      for (ColorType type : values()) {
        if (type.code == code) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }

  /** Samples per pixel as stored in the file: a palette PNG has one (the index). */
  public int channels() {
    return colorType.channels();
  }

  /**
   * The raster format {@link Png#decode} returns for this file, or empty for the gray+alpha files
   * it refuses.
   */
  public Optional<Raster.Format> decodedFormat() {
    return switch (colorType) {
      case GRAY -> Optional.of(bitDepth == 16 ? Raster.Format.GRAY16 : Raster.Format.GRAY8);
      case RGB -> Optional.of(Raster.Format.RGB8);
      case RGBA -> Optional.of(Raster.Format.RGBA8);
      case PALETTE -> Optional.of(Raster.Format.INDEXED8);
      case GRAY_ALPHA -> Optional.empty();
    };
  }

  /** For messages, e.g. {@code 2048x1024 8-bit RGB}. */
  @Override
  public String toString() {
    return width + "x" + height + " " + bitDepth + "-bit " + colorType + (interlaced ? " interlaced" : "");
  }
}

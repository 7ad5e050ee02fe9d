package dev.lednet.stages.image;

/**
 * Image resizing that gives the same pixels as Pillow 9.4.0's {@code Image.resize}, which is what
 * torchvision's {@code Resize} runs on PIL images: {@code BILINEAR} (antialiased when shrinking)
 * for photos and {@code NEAREST} for label maps. Bilinear runs Pillow's two passes in its 8-bit
 * fixed point, horizontal first, so results are equal sample for sample, not merely close.
 */
public final class Resize {

  private Resize() {}

  /**
   * {@code image.resize((width, height), Image.BILINEAR)} of an {@code RGB8} or {@code GRAY8}
   * raster. The same size gives {@code image} itself (rasters are never modified).
   */
  public static Raster bilinear(Raster image, int width, int height) {
    int channels = switch (image.format()) {
      case RGB8, GRAY8 -> image.channels();
      // Pillow resamples RGBA premultiplied and refuses palettes; no caller needs either.
      default -> throw new IllegalArgumentException("bilinear resize takes RGB8 or GRAY8, got " + image);
    };
    checkSize(width, height);
    boolean horizontal = width != image.width();
    boolean vertical = height != image.height();
    if (!horizontal && !vertical) {
      return image;
    }
    BilinearAxis columns = BilinearAxis.of(image.width(), width);
    BilinearAxis rows = BilinearAxis.of(image.height(), height);
    byte[] pixels = image.bytes();
    int rowOffset = 0;
    if (horizontal) {
      // Like Pillow, only the source rows that the vertical pass reads are resampled across.
      rowOffset = vertical ? rows.firstUsed() : 0;
      int rowCount = vertical ? rows.endUsed() - rowOffset : image.height();
      pixels = BilinearPasses.horizontal(pixels, image.width(), channels, rowOffset, rowCount, columns);
    }
    if (vertical) {
      pixels = BilinearPasses.vertical(pixels, width * channels, rowOffset, rows);
    }
    return channels == 3 ? Raster.rgb(width, height, pixels) : Raster.gray8(width, height, pixels);
  }

  /**
   * {@code image.resize((width, height), Image.NEAREST)}, for rasters of any format (a palette is
   * kept). The same size gives {@code image} itself.
   */
  public static Raster nearest(Raster image, int width, int height) {
    checkSize(width, height);
    if (width == image.width() && height == image.height()) {
      return image;
    }
    int[] xs = nearestSources(image.width(), width);
    int[] ys = nearestSources(image.height(), height);
    int channels = image.channels();
    if (image.format() == Raster.Format.GRAY16) {
      short[] in = image.shorts();
      short[] out = new short[width * height];
      for (int y = 0, o = 0; y < height; y++) {
        int row = ys[y] * image.width();
        for (int x = 0; x < width; x++) {
          out[o++] = in[row + xs[x]];
        }
      }
      return Raster.gray16(width, height, out);
    }
    byte[] in = image.bytes();
    byte[] out = new byte[width * height * channels];
    for (int y = 0, o = 0; y < height; y++) {
      int row = ys[y] * image.width() * channels;
      if (channels == 1) {
        // Label maps: the one loop that must be fast.
        for (int x = 0; x < width; x++) {
          out[o++] = in[row + xs[x]];
        }
      } else {
        for (int x = 0; x < width; x++) {
          int at = row + xs[x] * channels;
          for (int c = 0; c < channels; c++) {
            out[o++] = in[at + c];
          }
        }
      }
    }
    return switch (image.format()) {
      case GRAY8 -> Raster.gray8(width, height, out);
      case RGB8 -> Raster.rgb(width, height, out);
      case RGBA8 -> Raster.rgba(width, height, out);
      case INDEXED8 -> Raster.indexed(width, height, out, image.palette());
      case GRAY16 -> throw new IllegalStateException("handled above");
    };
  }

  /**
   * The source position each output position copies. Pillow's NEAREST resize is an affine scaling
   * that starts at the first pixel centre, step / 2, and adds the step once per pixel; the sum is
   * accumulated the same way here because near a pixel edge it can differ from (x + 0.5) * step.
   */
  static int[] nearestSources(int inSize, int outSize) {
    double step = (double) inSize / outSize;
    double position = step * 0.5;
    int[] sources = new int[outSize];
    for (int x = 0; x < outSize; x++) {
      // Pillow leaves positions past the source black; for every pair of sizes up to 2100 the
      // sum stays inside the source, so none are.
      sources[x] = (int) position;
      position += step;
    }
    return sources;
  }

  private static void checkSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resize needs a positive size, got " + width + "x" + height);
    }
  }
}

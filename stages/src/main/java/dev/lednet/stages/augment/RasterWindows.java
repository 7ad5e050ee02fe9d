package dev.lednet.stages.augment;

import dev.lednet.stages.image.Raster;

/**
 * The geometric steps of augmentation on 8-bit rasters (RGB photos, gray label maps): a mirror
 * image and a window that may reach outside the raster, where it takes a fill value. Inputs are
 * never modified.
 */
final class RasterWindows {

  private RasterWindows() {}

  /** {@code image.transpose(Image.FLIP_LEFT_RIGHT)}. */
  static Raster flipLeftRight(Raster raster) {
    int width = raster.width();
    int channels = raster.channels();
    byte[] in = raster.bytes();
    byte[] out = new byte[in.length];
    int stride = width * channels;
    for (int y = 0; y < raster.height(); y++) {
      int row = y * stride;
      for (int x = 0; x < width; x++) {
        System.arraycopy(in, row + x * channels, out, row + (width - 1 - x) * channels, channels);
      }
    }
    return like(raster, width, raster.height(), out);
  }

  /**
   * The {@code width x height} window whose top-left corner is at {@code (left, top)} of the
   * raster: pixel (x, y) is the raster's (left + x, top + y), or {@code fill} in every channel where
   * that lies outside. A translation by (dx, dy) is the window at (-dx, -dy) of the raster's size.
   */
  static Raster window(Raster raster, int left, int top, int width, int height, int fill) {
    if (left == 0 && top == 0 && width == raster.width() && height == raster.height()) {
      return raster;
    }
    int channels = raster.channels();
    byte[] in = raster.bytes();
    byte[] out = new byte[width * height * channels];
    if (fill != 0) {
      java.util.Arrays.fill(out, (byte) fill);
    }
    // The part of the window inside the raster, in window coordinates.
    int x0 = Math.max(0, -left);
    int x1 = Math.min(width, raster.width() - left);
    int y0 = Math.max(0, -top);
    int y1 = Math.min(height, raster.height() - top);
    if (x0 < x1) {
      int length = (x1 - x0) * channels;
      for (int y = y0; y < y1; y++) {
        int from = ((top + y) * raster.width() + left + x0) * channels;
        System.arraycopy(in, from, out, (y * width + x0) * channels, length);
      }
    }
    return like(raster, width, height, out);
  }

  /** Translates by (dx, dy): content moves right and down for positive values. */
  static Raster translate(Raster raster, int dx, int dy, int fill) {
    return window(raster, -dx, -dy, raster.width(), raster.height(), fill);
  }

  static Raster like(Raster format, int width, int height, byte[] pixels) {
    return switch (format.format()) {
      case GRAY8 -> Raster.gray8(width, height, pixels);
      case RGB8 -> Raster.rgb(width, height, pixels);
      default -> throw new IllegalArgumentException("augmentation takes RGB8 or GRAY8, got " + format);
    };
  }
}

package dev.lednet.stages.augment;

import dev.lednet.stages.image.Raster;

/**
 * Colour jitter on RGB rasters, sample for sample what Pillow 9.4.0's {@code ImageEnhance} gives
 * (which is what torchvision's {@code ColorJitter} runs on PIL images): each enhancement is {@code
 * Image.blend(degenerate, image, factor)}, computed in single precision and truncated as Pillow's
 * C code does, with the degenerate image black (brightness), the mean gray (contrast) or the gray
 * version of the image (saturation, {@code ImageEnhance.Color}). A factor of 1 leaves the image as
 * it is.
 */
final class PillowEnhance {

  private PillowEnhance() {}

  /** {@code ImageEnhance.Brightness(image).enhance(factor)}. */
  static Raster brightness(Raster image, double factor) {
    if (factor == 1.0) {
      return image;
    }
    byte[] in = rgb(image).bytes();
    byte[] out = new byte[in.length];
    float alpha = (float) factor;
    for (int i = 0; i < in.length; i++) {
      out[i] = blend(0, in[i] & 0xff, alpha);
    }
    return Raster.rgb(image.width(), image.height(), out);
  }

  /** {@code ImageEnhance.Contrast(image).enhance(factor)}: towards the mean of the gray image. */
  static Raster contrast(Raster image, double factor) {
    if (factor == 1.0) {
      return image;
    }
    byte[] in = rgb(image).bytes();
    long sum = 0;
    for (int i = 0; i < in.length; i += 3) {
      sum += luma(in, i);
    }
    // ImageStat's mean of the "L" image, rounded as int(mean + 0.5).
    int mean = (int) ((double) sum / (in.length / 3) + 0.5);
    byte[] out = new byte[in.length];
    float alpha = (float) factor;
    for (int i = 0; i < in.length; i++) {
      out[i] = blend(mean, in[i] & 0xff, alpha);
    }
    return Raster.rgb(image.width(), image.height(), out);
  }

  /** {@code ImageEnhance.Color(image).enhance(factor)}: towards {@code image.convert("L")}. */
  static Raster saturation(Raster image, double factor) {
    if (factor == 1.0) {
      return image;
    }
    byte[] in = rgb(image).bytes();
    byte[] out = new byte[in.length];
    float alpha = (float) factor;
    for (int i = 0; i < in.length; i += 3) {
      int gray = luma(in, i);
      out[i] = blend(gray, in[i] & 0xff, alpha);
      out[i + 1] = blend(gray, in[i + 1] & 0xff, alpha);
      out[i + 2] = blend(gray, in[i + 2] & 0xff, alpha);
    }
    return Raster.rgb(image.width(), image.height(), out);
  }

  /** Pillow's RGB to L: ITU-R 601-2 luma in 16-bit fixed point, rounded. */
  private static int luma(byte[] rgb, int at) {
    return ((rgb[at] & 0xff) * 19595 + (rgb[at + 1] & 0xff) * 38470 + (rgb[at + 2] & 0xff) * 7471 + 0x8000)
        >> 16;
  }

  /**
   * One sample of {@code ImagingBlend}: {@code in1 + alpha * (in2 - in1)} in float, truncated,
   * clipped to 0..255 (Pillow clips only when extrapolating; interpolation never leaves the range).
   */
  private static byte blend(int in1, int in2, float alpha) {
    float value = in1 + alpha * (in2 - in1);
    if (value <= 0f) {
      return 0;
    }
    if (value >= 255f) {
      return (byte) 255;
    }
    return (byte) (int) value;
  }

  private static Raster rgb(Raster image) {
    if (image.format() != Raster.Format.RGB8) {
      throw new IllegalArgumentException("colour jitter takes RGB8, got " + image);
    }
    return image;
  }
}

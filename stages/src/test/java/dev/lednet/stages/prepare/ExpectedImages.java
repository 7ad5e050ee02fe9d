package dev.lednet.stages.prepare;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Reads the committed expected PNGs through {@code javax.imageio}, independent of the project's
 * own codec, as raw samples (no colour conversion): 1-, 8- and 16-bit gray and RGBA.
 */
final class ExpectedImages {

  /** Interleaved unsigned samples of an image. */
  record Samples(int width, int height, int channels, int[] values) {
    int at(int x, int y, int channel) {
      return values[(y * width + x) * channels + channel];
    }
  }

  private ExpectedImages() {}

  static Samples read(String resource) {
    try (InputStream in = ExpectedImages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      BufferedImage image = ImageIO.read(in);
      Raster raster = image.getRaster();
      int channels = raster.getNumBands();
      int[] values =
          raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
      return new Samples(raster.getWidth(), raster.getHeight(), channels, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] resourceBytes(String resource) {
    try (InputStream in = ExpectedImages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

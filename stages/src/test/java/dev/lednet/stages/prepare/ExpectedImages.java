package dev.lednet.stages.prepare;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  /** A digest of a raster's format and samples, to compare images inside pipelines. */
  static String digest(dev.lednet.stages.image.Raster raster) {
    int[] values = new int[raster.width() * raster.height() * raster.channels()];
    int i = 0;
    for (int y = 0; y < raster.height(); y++) {
      for (int x = 0; x < raster.width(); x++) {
        for (int c = 0; c < raster.channels(); c++) {
          values[i++] = raster.sample(x, y, c);
        }
      }
    }
    return digest(raster.width(), raster.height(), raster.channels(), values);
  }

  static String digest(Samples samples) {
    return digest(samples.width(), samples.height(), samples.channels(), samples.values());
  }

  private static String digest(int width, int height, int channels, int[] values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(4 * (3 + values.length));
      buffer.putInt(width).putInt(height).putInt(channels);
      for (int v : values) {
        buffer.putInt(v);
      }
      return width + "x" + height + "x" + channels + ":" + HexFormat.of().formatHex(sha.digest(buffer.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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

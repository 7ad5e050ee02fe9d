package dev.lednet.stages.evaluate;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads the committed gray PNGs with javax.imageio, independently of the project's codec. */
final class TestImages {

  private TestImages() {}

  static BufferedImage read(Path path) {
    try {
      BufferedImage image = ImageIO.read(path.toFile());
      if (image == null) {
        throw new IllegalArgumentException("not an image: " + path);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gray8(Path path) {
    BufferedImage image = read(path);
    if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new IllegalArgumentException(path + " is not 8-bit gray");
    }
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  static short[] gray16(Path path) {
    BufferedImage image = read(path);
    if (image.getType() != BufferedImage.TYPE_USHORT_GRAY) {
      throw new IllegalArgumentException(path + " is not 16-bit gray");
    }
    return ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
  }
}

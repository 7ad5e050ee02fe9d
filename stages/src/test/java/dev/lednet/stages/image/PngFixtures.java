package dev.lednet.stages.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the committed PNG fixtures next to this class (see the README there). */
final class PngFixtures {

  private PngFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = PngFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

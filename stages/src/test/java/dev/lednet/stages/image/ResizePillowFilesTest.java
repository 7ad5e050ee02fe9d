package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Resizes the committed source images as listed in {@code resize/cases.csv} and compares with what
 * Pillow 9.4.0 made of them (see the README there): every sample must be equal.
 */
class ResizePillowFilesTest {

  @ParameterizedTest(name = "{1} {0} to {2}x{3}")
  @CsvFileSource(resources = "/resize/cases.csv", numLinesToSkip = 1)
  void resizesEverySampleAsPillow94Does(String source, String filter, int width, int height, String expected) {
    Raster image = load(source);
    Raster pillow = load(expected);

    Raster resized = switch (filter) {
      case "bilinear" -> Resize.bilinear(image, width, height);
      case "nearest" -> Resize.nearest(image, width, height);
      default -> throw new IllegalArgumentException("unknown filter " + filter);
    };

    assertEquals(pillow.toString(), resized.toString());
    assertArrayEquals(pillow.bytes(), resized.bytes());
  }

  private static Raster load(String name) {
    try (InputStream in = ResizePillowFilesTest.class.getResourceAsStream("/resize/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture resize/" + name);
      }
      return Png.decode(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

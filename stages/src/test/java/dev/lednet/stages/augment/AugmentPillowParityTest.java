package dev.lednet.stages.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The reference's {@code MyCoTransform} with fixed draws, against what Pillow 9.4.0 made of the
 * committed pair (see {@code augment/README.md}): resize of the shorter side, colour jitter, mirror
 * and the {@code ImageOps.expand} + {@code crop} translation.
 */
class AugmentPillowParityTest {

  private static final String CASES = "/augment/cases.csv";

  private static SampleDraw draw(int height, int flip, int tx, int ty, double b, double c, double s) {
    int[] size = AugmentRecipe.shorterSideTo(37, 23, height);
    return SampleDraw.builder()
        .resizeWidth(size[0])
        .resizeHeight(size[1])
        .flip(flip == 1)
        .translateX(tx)
        .translateY(ty)
        .brightness(b)
        .contrast(c)
        .saturation(s)
        .outputWidth(size[0])
        .outputHeight(size[1])
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = CASES, numLinesToSkip = 1)
  void imageIsPillowsSampleForSample(String name, int height, int flip, int tx, int ty, double b, double c, double s) {
    AugmentedPair pair =
        AugmentRecipe.apply(load("image-37x23.png"), load("label-37x23.png"), draw(height, flip, tx, ty, b, c, s));

    Raster pillow = load(name + ".image.png");
    assertEquals(pillow.toString(), pair.image().toString());
    assertArrayEquals(pillow.bytes(), pair.image().bytes());
  }

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = CASES, numLinesToSkip = 1)
  void labelIsPillowsExceptThatTheBandANegativeShiftExposesIsIgnoredNotRoad(
      String name, int height, int flip, int tx, int ty, double b, double c, double s) {
    Raster label =
        AugmentRecipe.apply(load("image-37x23.png"), load("label-37x23.png"), draw(height, flip, tx, ty, b, c, s))
            .label();

    Raster pillow = load(name + ".label.png");
    assertEquals(pillow.toString(), label.toString());
    int exposed = 0;
    for (int y = 0; y < label.height(); y++) {
      for (int x = 0; x < label.width(); x++) {
        // The band a negative shift exposes at the right or bottom: the reference's crop reads
        // outside the expanded image there and gets 0 (road); we say 255 (ignored).
        boolean exposedByNegativeShift = (tx < 0 && x >= label.width() + tx) || (ty < 0 && y >= label.height() + ty);
        if (exposedByNegativeShift) {
          assertEquals(0, pillow.sample(x, y, 0), name + " reference at " + x + "," + y);
          assertEquals(255, label.sample(x, y, 0), name + " at " + x + "," + y);
          exposed++;
        } else {
          assertEquals(pillow.sample(x, y, 0), label.sample(x, y, 0), name + " at " + x + "," + y);
        }
      }
    }
    int w = label.width();
    int h = label.height();
    int ax = Math.max(0, -tx);
    int ay = Math.max(0, -ty);
    assertEquals(ax * h + ay * w - ax * ay, exposed);
  }

  static Raster load(String name) {
    try (InputStream in = AugmentPillowParityTest.class.getResourceAsStream("/augment/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture augment/" + name);
      }
      return Png.decode(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

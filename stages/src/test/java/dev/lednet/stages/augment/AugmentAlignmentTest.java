package dev.lednet.stages.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.stages.image.Raster;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Labels stay on their pixels: on an image whose colour says its class, every transform (resize,
 * scale, mirror, translation, crop, padding) leaves each interior pixel with the colour of its
 * label, and every filled pixel black in the image and ignored in the label.
 */
class AugmentAlignmentTest {

  static final int WIDTH = 160;
  static final int HEIGHT = 96;

  /** A distinct colour per class, never black, so a filled pixel is told from content. */
  static int[] colourOf(int trainId) {
    return new int[] {40 + 11 * trainId, 250 - 9 * trainId, 40 + (trainId * 71) % 200};
  }

  /** Blocks of classes 0..18 (no ignored pixels), 8 to 24 pixels wide: a left-right asymmetric map. */
  static Raster labels() {
    byte[] label = new byte[WIDTH * HEIGHT];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int column = x < 24 ? 0 : x < 40 ? 1 : 2 + (x - 40) / 12;
        int row = y / 16;
        label[y * WIDTH + x] = (byte) ((column * 7 + row * 3) % 19);
      }
    }
    return Raster.gray8(WIDTH, HEIGHT, label);
  }

  static Raster imageFor(Raster label) {
    byte[] rgb = new byte[3 * label.width() * label.height()];
    byte[] ids = label.bytes();
    for (int i = 0; i < ids.length; i++) {
      int[] c = colourOf(ids[i] & 0xff);
      rgb[3 * i] = (byte) c[0];
      rgb[3 * i + 1] = (byte) c[1];
      rgb[3 * i + 2] = (byte) c[2];
    }
    return Raster.rgb(label.width(), label.height(), rgb);
  }

  /** Checks a pair; returns the number of interior pixels whose colour was checked. */
  static int assertAligned(AugmentedPair pair, String what) {
    Raster image = pair.image();
    Raster label = pair.label();
    int checked = 0;
    for (int y = 0; y < label.height(); y++) {
      for (int x = 0; x < label.width(); x++) {
        int id = label.sample(x, y, 0);
        boolean black = image.sample(x, y, 0) == 0 && image.sample(x, y, 1) == 0 && image.sample(x, y, 2) == 0;
        String at = what + " at " + x + "," + y;
        if (id == AugmentRecipe.LABEL_FILL) {
          assertTrue(black, at + ": an ignored (filled) pixel must be black in the image");
          continue;
        }
        assertFalse(black, at + ": a labelled pixel must not be fill");
        if (interior(label, x, y, 2)) {
          int[] expected = colourOf(id);
          for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], image.sample(x, y, c), at + " channel " + c + " for class " + id);
          }
          checked++;
        }
      }
    }
    return checked;
  }

  private static boolean interior(Raster label, int x, int y, int radius) {
    int id = label.sample(x, y, 0);
    for (int dy = -radius; dy <= radius; dy++) {
      for (int dx = -radius; dx <= radius; dx++) {
        int u = x + dx;
        int v = y + dy;
        if (u < 0 || v < 0 || u >= label.width() || v >= label.height() || label.sample(u, v, 0) != id) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void labelsStayAlignedWithImagesUnderEveryTransform() {
    Raster label = labels();
    Raster image = imageFor(label);
    AugmentRecipe recipe =
        AugmentRecipe.reference().withHeight(64).withMaxTranslation(5).withScale(0.5, 2.0).withCrop(96, 80);
    Set<Boolean> flips = new HashSet<>();
    Set<Boolean> padded = new HashSet<>();
    for (int copy = 0; copy < 40; copy++) {
      SampleDraw draw = recipe.draw(3, "aachen_000000_000019", copy, WIDTH, HEIGHT);
      AugmentedPair pair = AugmentRecipe.apply(image, label, draw);
      assertEquals(96, pair.image().width());
      assertEquals(80, pair.image().height());
      int checked = assertAligned(pair, "copy " + copy + " " + draw);
      assertTrue(checked > 200, "copy " + copy + ": only " + checked + " interior pixels");
      flips.add(draw.flip());
      padded.add(draw.cropX() < 0 || draw.cropY() < 0);
    }
    assertEquals(Set.of(true, false), flips, "both mirrored and plain copies were checked");
    assertEquals(Set.of(true, false), padded, "both padded and cropped copies were checked");
  }

  @Test
  void theReferenceRecipeKeepsLabelsAligned() {
    Raster label = labels();
    Raster image = imageFor(label);
    for (int copy = 0; copy < 20; copy++) {
      SampleDraw draw = AugmentRecipe.reference().withHeight(48).draw(1, "bochum_000000_000019", copy, WIDTH, HEIGHT);
      assertEquals(80, draw.outputWidth());
      assertAligned(AugmentRecipe.apply(image, label, draw), "copy " + copy);
    }
  }

  @Test
  void mirroringMovesTheLabelWithTheImage() {
    Raster label = labels();
    SampleDraw plain = SampleDraw.resizeOnly(WIDTH, HEIGHT);
    SampleDraw mirrored = SampleDraw.builder().resizeWidth(WIDTH).resizeHeight(HEIGHT).flip(true)
        .outputWidth(WIDTH).outputHeight(HEIGHT).build();
    AugmentedPair a = AugmentRecipe.apply(imageFor(label), label, plain);
    AugmentedPair b = AugmentRecipe.apply(imageFor(label), label, mirrored);
    for (int y = 0; y < HEIGHT; y += 7) {
      for (int x = 0; x < WIDTH; x += 5) {
        assertEquals(a.label().sample(x, y, 0), b.label().sample(WIDTH - 1 - x, y, 0));
        assertEquals(a.image().sample(x, y, 1), b.image().sample(WIDTH - 1 - x, y, 1));
      }
    }
    assertAligned(b, "mirrored");
  }

  @Test
  void colourJitterChangesTheImageButNeverTheLabel() {
    Raster label = labels();
    Raster image = imageFor(label);
    AugmentRecipe plain = AugmentRecipe.reference().withHeight(64).withCrop(64, 64);
    AugmentRecipe jittered = plain.withJitter(0.4, 0.4, 0.4);
    SampleDraw a = plain.draw(9, "bremen_000000_000019", 2, WIDTH, HEIGHT);
    SampleDraw b = jittered.draw(9, "bremen_000000_000019", 2, WIDTH, HEIGHT);
    assertEquals(a.toBuilder().brightness(b.brightness()).contrast(b.contrast()).saturation(b.saturation()).build(), b,
        "jitter adds its own draws and leaves the geometric ones as they were");
    AugmentedPair p = AugmentRecipe.apply(image, label, a);
    AugmentedPair q = AugmentRecipe.apply(image, label, b);
    assertArrayEquals(p.label().bytes(), q.label().bytes());
    assertFalse(java.util.Arrays.equals(p.image().bytes(), q.image().bytes()));
  }
}

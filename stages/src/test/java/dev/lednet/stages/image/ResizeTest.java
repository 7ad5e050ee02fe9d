package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResizeTest {

  @Test
  void halvingAveragesFourTapsWeightedOneThreeThreeOne() {
    // Shrinking by 2 widens the triangle to 4 source pixels: weights 1/8, 3/8, 3/8, 1/8.
    Raster row = Raster.gray8(4, 1, new byte[] {0, 0, (byte) 80, (byte) 160});

    Raster half = Resize.bilinear(row, 2, 1);

    // Each output has one tap off the edge; the other three are renormalised (Pillow gives the same):
    // (0*3 + 0*3 + 80*1) / 7 = 11.4 -> 11 and (0*1 + 80*3 + 160*3) / 7 = 102.9 -> 103.
    assertArrayEquals(new byte[] {11, 103}, half.bytes());
  }

  @Test
  void sameSizeGivesTheImageItself() {
    Raster image = Raster.rgb(3, 2, new byte[18]);

    assertSame(image, Resize.bilinear(image, 3, 2));
    assertSame(image, Resize.nearest(image, 3, 2));
  }

  @Test
  void nearestAccumulatesTheStepLikePillow() {
    // 4 -> 6: (4 + 0.5) * 2/3 is 3.0, but Pillow adds 2/3 four times to 1/3 and gets just under 3.
    assertArrayEquals(new int[] {0, 1, 1, 2, 2, 3}, Resize.nearestSources(4, 6));
  }

  @Test
  void nearestCopiesSixteenBitAndPaletteSamples() {
    short[] ids = {1000, 2000, 3000, 26001, 26002, 26003};
    int[] palette = {0x000000, 0xff0000, 0x00ff00};

    Raster gray16 = Resize.nearest(Raster.gray16(3, 2, ids), 2, 1);
    Raster indexed = Resize.nearest(Raster.indexed(3, 2, new byte[] {0, 1, 2, 2, 1, 0}, palette), 2, 1);

    // A step of 1.5 across samples columns 0.75 and 2.25, a step of 2 down samples row 1.0.
    assertArrayEquals(new short[] {26001, 26003}, gray16.shorts());
    assertArrayEquals(new byte[] {2, 0}, indexed.bytes());
    assertArrayEquals(palette, indexed.palette());
  }

  @Test
  void bilinearRefusesFormatsPillowTreatsDifferently() {
    Raster rgba = Raster.rgba(2, 2, new byte[16]);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resize.bilinear(rgba, 1, 1));

    assertEquals("bilinear resize takes RGB8 or GRAY8, got RGBA8 2x2", e.getMessage());
  }

  @Test
  void emptySizeIsRefused() {
    Raster gray = Raster.gray8(2, 2, new byte[4]);

    assertThrows(IllegalArgumentException.class, () -> Resize.nearest(gray, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Resize.bilinear(gray, 1, 0));
  }
}

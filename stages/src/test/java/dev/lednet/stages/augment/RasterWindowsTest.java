package dev.lednet.stages.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lednet.stages.image.Raster;
import org.junit.jupiter.api.Test;

class RasterWindowsTest {

  private static Raster row(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return Raster.gray8(values.length, 1, bytes);
  }

  private static int[] values(Raster raster) {
    int[] v = new int[raster.bytes().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = raster.bytes()[i] & 0xff;
    }
    return v;
  }

  @Test
  void flipMirrorsEachRowAndKeepsRgbTriples() {
    assertArrayEquals(new int[] {3, 2, 1}, values(RasterWindows.flipLeftRight(row(1, 2, 3))));
    Raster rgb = Raster.rgb(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new byte[] {4, 5, 6, 1, 2, 3}, RasterWindows.flipLeftRight(rgb).bytes());
  }

  @Test
  void positiveTranslationMovesContentRightAndFillsTheLeftBand() {
    assertArrayEquals(new int[] {255, 255, 1, 2}, values(RasterWindows.translate(row(1, 2, 3, 4), 2, 0, 255)));
  }

  @Test
  void negativeTranslationMovesContentLeftAndFillsTheRightBand() {
    assertArrayEquals(new int[] {2, 3, 4, 255}, values(RasterWindows.translate(row(1, 2, 3, 4), -1, 0, 255)));
  }

  @Test
  void verticalTranslationFillsWholeRows() {
    Raster column = Raster.gray8(1, 3, new byte[] {1, 2, 3});
    assertArrayEquals(new int[] {7, 1, 2}, values(RasterWindows.translate(column, 0, 1, 7)));
    assertArrayEquals(new int[] {2, 3, 7}, values(RasterWindows.translate(column, 0, -1, 7)));
  }

  @Test
  void aWindowLargerThanTheRasterPadsAroundIt() {
    assertArrayEquals(new int[] {9, 1, 2, 9, 9}, values(RasterWindows.window(row(1, 2), -1, 0, 5, 1, 9)));
    assertArrayEquals(new int[] {9, 9, 9}, values(RasterWindows.window(row(1, 2), 5, 0, 3, 1, 9)));
  }
}

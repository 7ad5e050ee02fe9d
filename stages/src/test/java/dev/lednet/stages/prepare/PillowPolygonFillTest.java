package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Small polygons whose expected pixels were drawn by Pillow 9.4.0 ({@code
 * ImageDraw.Draw(Image.new("L", (8, 6))).polygon(xy, fill=1)}) and copied here as pictures.
 */
class PillowPolygonFillTest {

  private static final int W = 8;
  private static final int H = 6;

  private final PillowPolygonFill fill = new PillowPolygonFill();

  @Test
  void polygonOnImageEdgeIsFilledLikePillow94() {
    assertFills(
        new double[] {0, 0, 7, 0, 7, 5, 0, 5},
        "########",
        "########",
        "########",
        "########",
        "########",
        "########");
  }

  @Test
  void floatCoordinatesAreTruncatedTowardsZero() {
    assertFills(
        new double[] {-0.9, -0.9, 4.99, 0.5, 4.99, 3.999, 0.2, 3.7},
        "#####...",
        "#####...",
        "#####...",
        "#####...",
        "........",
        "........");
  }

  @Test
  void twoPointPolygonDrawsPillowsGappyLine() {
    assertFills(
        new double[] {0, 0, 7, 5},
        "##......",
        ".#......",
        "...#....",
        "....#...",
        "......#.",
        ".......#");
  }

  @Test
  void pointsTruncatedToOnePixelDrawThatPixel() {
    assertFills(
        new double[] {3.7, 2.2, 3.1, 2.9},
        "........",
        "........",
        "...#....",
        "........",
        "........",
        "........");
  }

  @Test
  void selfIntersectingBowTieFillsBothLobesAndTheirSides() {
    assertFills(
        new double[] {0, 0, 7, 5, 7, 0, 0, 5},
        "#......#",
        "##....##",
        "########",
        "########",
        "##....##",
        "#......#");
  }

  @Test
  void polygonOutsideTheImageDrawsNothing() {
    assertFills(
        new double[] {-5, -5, -1, -5, -1, -1},
        "........",
        "........",
        "........",
        "........",
        "........",
        "........");
  }

  @Test
  void diamondIsAsymmetricLikePillow94() {
    assertFills(
        new double[] {3, 0, 6, 3, 3, 5, 0, 3},
        "...#....",
        "..###...",
        ".#####..",
        "#######.",
        "..###...",
        "...#....");
  }

  @Test
  void thinSliverKeepsItsTipAndCornerRows() {
    assertFills(
        new double[] {0, 0, 7, 1, 0, 2},
        "#.......",
        "########",
        "#.......",
        "........",
        "........",
        "........");
  }

  @Test
  void polygonPartlyOutsideIsClipped() {
    assertFills(
        new double[] {-10, 2, 4, -3, 12, 9},
        "#######.",
        "########",
        "########",
        "########",
        "########",
        "########");
  }

  @Test
  void concaveShapeWithHorizontalEdgesKeepsItsNotch() {
    assertFills(
        new double[] {0, 0, 2, 0, 2, 3, 5, 3, 5, 0, 7, 0, 7, 5, 0, 5},
        "###..###",
        "###..###",
        "###..###",
        "########",
        "########",
        "########");
  }

  @Test
  void sixteenBitFillWritesTheWholeValue() {
    short[] pixels = new short[W * H];
    fill.fill(pixels, W, H, new double[] {1, 1, 2, 1, 2, 2, 1, 2}, 33001);
    assertEquals(33001, pixels[W + 1] & 0xffff);
    assertEquals(33001, pixels[2 * W + 2] & 0xffff);
    assertEquals(0, pixels[0]);
    assertEquals(4, countNonZero(pixels));
  }

  @Test
  void laterPolygonsOverwriteEarlierOnes() {
    byte[] pixels = new byte[W * H];
    fill.fill(pixels, W, H, new double[] {0, 0, 7, 0, 7, 5, 0, 5}, 7);
    fill.fill(pixels, W, H, new double[] {2, 2, 3, 2, 3, 3, 2, 3}, 255);
    assertEquals(7, pixels[0]);
    assertEquals(255, pixels[2 * W + 2] & 0xff);
    assertEquals(7, pixels[4 * W + 4]);
  }

  @Test
  void onePointPolygonIsRefusedLikePillow94() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> fill.fill(new byte[W * H], W, H, new double[] {3, 3}, 1));
    assertEquals("a polygon needs at least 2 points (Pillow 9.4.0 refuses 1)", e.getMessage());
  }

  @Test
  void nonFiniteCoordinateIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> fill.fill(new byte[W * H], W, H, new double[] {0, 0, Double.NaN, 3, 4, 4}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> fill.fill(new byte[W * H], W, H, new double[] {0, 0, 1e9, 3, 4, 4}, 1));
  }

  @Test
  void roundingMacrosKeepCsFloatAndDoubleAsymmetry() {
    // 0.49999997f + 0.5f rounds to 1.0f in float arithmetic: ROUND_UP gives 1, not 0.
    assertEquals(1, PillowPolygonFill.roundUp(0.49999997f));
    assertEquals(-1, PillowPolygonFill.roundUp(-0.5f));
    assertEquals(0, PillowPolygonFill.roundDown(0.5f));
    assertEquals(0, PillowPolygonFill.roundDown(-0.5f));
    assertEquals(2, PillowPolygonFill.roundUp(1.5f));
    assertEquals(1, PillowPolygonFill.roundDown(1.5f));
  }

  private void assertFills(double[] xy, String... rows) {
    byte[] pixels = new byte[W * H];
    fill.fill(pixels, W, H, xy, 1);
    assertArrayEquals(rows, picture(pixels));
  }

  private static String[] picture(byte[] pixels) {
    String[] rows = new String[H];
    for (int y = 0; y < H; y++) {
      StringBuilder row = new StringBuilder();
      for (int x = 0; x < W; x++) {
        row.append(pixels[y * W + x] != 0 ? '#' : '.');
      }
      rows[y] = row.toString();
    }
    return rows;
  }

  private static int countNonZero(short[] pixels) {
    int count = 0;
    for (short p : pixels) {
      count += p != 0 ? 1 : 0;
    }
    return count;
  }
}

package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Many random polygons: the fill must equal the plain reading of Pillow's rules in {@link
 * ReferencePillowFill}, and a committed batch drawn by Pillow 9.4.0 itself.
 */
class PillowPolygonFillPropertyTest {

  private static final String RESOURCES = "/dev/lednet/stages/prepare/";

  @Test
  void randomPolygonsMatchThePlainReadingOfPillowsRules() {
    SplittableRandom random = new SplittableRandom(20240094);
    PillowPolygonFill fill = new PillowPolygonFill();
    for (int polygon = 0; polygon < 20_000; polygon++) {
      int width = 1 + random.nextInt(40);
      int height = 1 + random.nextInt(30);
      double[] xy = randomPolygon(random, width, height);
      byte[] pixels = new byte[width * height];
      fill.fill(pixels, width, height, xy, 1);
      boolean[] expected = ReferencePillowFill.mask(width, height, xy);
      assertArrayEquals(
          expected, toMask(pixels), () -> "polygon " + Arrays.toString(xy) + " on " + width + "x" + height);
    }
  }

  @Test
  void committedRandomPolygonsMatchPillow94Pixels() throws IOException {
    JsonNode batch =
        new ObjectMapper().readTree(ExpectedImages.resourceBytes(RESOURCES + "random-polygons.json"));
    int tileWidth = batch.get("tileWidth").asInt();
    int tileHeight = batch.get("tileHeight").asInt();
    int columns = batch.get("columns").asInt();
    ExpectedImages.Samples grid = ExpectedImages.read(RESOURCES + "random-polygons-pillow94.png");
    JsonNode polygons = batch.get("polygons");
    assertEquals(1600, polygons.size());

    PillowPolygonFill fill = new PillowPolygonFill();
    for (int i = 0; i < polygons.size(); i++) {
      double[] xy = coordinates(polygons.get(i));
      byte[] pixels = new byte[tileWidth * tileHeight];
      fill.fill(pixels, tileWidth, tileHeight, xy, 1);
      boolean[] expected = new boolean[tileWidth * tileHeight];
      int left = i % columns * tileWidth;
      int top = i / columns * tileHeight;
      for (int y = 0; y < tileHeight; y++) {
        for (int x = 0; x < tileWidth; x++) {
          expected[y * tileWidth + x] = grid.at(left + x, top + y, 0) != 0;
        }
      }
      assertArrayEquals(expected, toMask(pixels), "polygon " + i + ": " + polygons.get(i));
    }
  }

  /**
   * Vertex counts 2..24, and 30..120 for one in 20 (many crossings per row); integer, half and
   * arbitrary coordinates; some on a coarse grid.
   */
  private static double[] randomPolygon(SplittableRandom random, int width, int height) {
    int points =
        random.nextInt(20) == 0 ? 30 + random.nextInt(91) : 2 + random.nextInt(random.nextBoolean() ? 4 : 23);
    boolean grid = random.nextInt(4) == 0;
    double[] xy = new double[2 * points];
    for (int p = 0; p < points; p++) {
      xy[2 * p] = grid ? random.nextInt(6) * 7 - 3 : coordinate(random, -6, width + 6);
      xy[2 * p + 1] = grid ? random.nextInt(5) * 6 - 3 : coordinate(random, -6, height + 6);
    }
    return xy;
  }

  private static double coordinate(SplittableRandom random, int low, int high) {
    switch (random.nextInt(4)) {
      case 0:
        return low + random.nextInt(high - low + 1);
      case 1:
        return (2 * low + random.nextInt(2 * (high - low) + 1)) / 2.0;
      default:
        return low + random.nextDouble() * (high - low);
    }
  }

  private static double[] coordinates(JsonNode polygon) {
    double[] xy = new double[2 * polygon.size()];
    for (int p = 0; p < polygon.size(); p++) {
      xy[2 * p] = polygon.get(p).get(0).asDouble();
      xy[2 * p + 1] = polygon.get(p).get(1).asDouble();
    }
    return xy;
  }

  private static boolean[] toMask(byte[] pixels) {
    boolean[] mask = new boolean[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      mask[i] = pixels[i] != 0;
    }
    return mask;
  }
}

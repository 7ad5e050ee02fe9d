package dev.lednet.stages.prepare;

import java.util.Arrays;

/**
 * Fills polygons into 8-bit or 16-bit rasters exactly as Pillow 9.4.0's {@code
 * ImageDraw.Draw(img).polygon(xy, fill=value)} does on an {@code L} or {@code I} image: coordinates
 * are truncated towards zero ({@code _imaging.c}), then {@code Draw.c}'s scan conversion runs with
 * its float arithmetic, its rounding macros and its quirks kept, because the official Cityscapes
 * label images were drawn by it. An instance is not thread-safe: it reuses scratch buffers across
 * polygons.
 */
public final class PillowPolygonFill {

  /**
   * The largest coordinate magnitude accepted. Beyond it Pillow's int arithmetic overflows and its
   * float arithmetic loses whole pixels, so no exact answer exists to match.
   */
  public static final double MAX_COORDINATE = 1 << 24;

  private int[] edgeX0 = new int[16];
  private int[] edgeY0 = new int[16];
  private int[] edgeXMin = new int[16];
  private int[] edgeYMin = new int[16];
  private int[] edgeXMax = new int[16];
  private int[] edgeYMax = new int[16];
  private float[] edgeDx = new float[16];
  private int[] sloped = new int[16];
  private long[] byTop = new long[16];
  private int[] active = new int[16];
  private float[] crossings = new float[32];

  private int width;
  private int height;
  private byte[] pixels8;
  private short[] pixels16;
  private int value;

  /** Fills {@code xy} ({@code x0, y0, x1, y1, ...}) with {@code value} (0..255). */
  public void fill(byte[] pixels, int width, int height, double[] xy, int value) {
    checkRaster(pixels.length, width, height);
    if (value < 0 || value > 0xff) {
      throw new IllegalArgumentException("an 8-bit fill value is 0..255, got " + value);
    }
    target(width, height, pixels, null, value);
    draw(xy);
  }

  /** Fills {@code xy} ({@code x0, y0, x1, y1, ...}) with {@code value} (0..65535, unsigned). */
  public void fill(short[] pixels, int width, int height, double[] xy, int value) {
    checkRaster(pixels.length, width, height);
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("a 16-bit fill value is 0..65535, got " + value);
    }
    target(width, height, null, pixels, value);
    draw(xy);
  }

  private static void checkRaster(int length, int width, int height) {
    if (width <= 0 || height <= 0 || (long) width * height != length) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " raster cannot have " + length + " pixels");
    }
  }

  private void target(int width, int height, byte[] pixels8, short[] pixels16, int value) {
    this.width = width;
    this.height = height;
    this.pixels8 = pixels8;
    this.pixels16 = pixels16;
    this.value = value;
  }

  /** {@code _draw_polygon} and {@code ImagingDrawPolygon} with {@code fill=1}. */
  private void draw(double[] xy) {
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of coordinates: " + xy.length);
    }
    int count = xy.length / 2;
    if (count < 2) {
      // _imaging.c raises TypeError("coordinate list must contain at least 2 coordinates").
      throw new IllegalArgumentException(
          "a polygon needs at least 2 points (Pillow 9.4.0 refuses " + count + ")");
    }
    int[] points = truncate(xy);
    ensureEdgeCapacity(count);
    int n = 0;
    int i;
    for (i = 0; i < count - 1; i++) {
      int x0 = points[2 * i];
      int y0 = points[2 * i + 1];
      int x1 = points[2 * i + 2];
      int y1 = points[2 * i + 3];
      if (y0 == y1 && i != 0 && y0 == points[2 * i - 1]) {
        // A horizontal segment continuing a horizontal segment in the same direction extends it.
        int previousX = points[2 * i - 2];
        if (x1 > x0 && x0 > previousX) {
          edgeXMax[n - 1] = x1;
          continue;
        } else if (x1 < x0 && x0 < previousX) {
          edgeXMin[n - 1] = x1;
          continue;
        }
      }
      addEdge(n++, x0, y0, x1, y1);
    }
    if (points[2 * i] != points[0] || points[2 * i + 1] != points[1]) {
      addEdge(n++, points[2 * i], points[2 * i + 1], points[0], points[1]);
    }
    scan(n);
  }

  /** The C cast {@code (int) xy[i]}: truncation towards zero. */
  private static int[] truncate(double[] xy) {
    int[] points = new int[xy.length];
    for (int i = 0; i < xy.length; i++) {
      double v = xy[i];
      if (!(Math.abs(v) < MAX_COORDINATE)) {
        throw new IllegalArgumentException(
            "coordinate " + v + " is not a finite number below " + (long) MAX_COORDINATE);
      }
      points[i] = (int) v;
    }
    return points;
  }

  private void ensureEdgeCapacity(int edges) {
    if (edgeX0.length >= edges) {
      return;
    }
    int capacity = Math.max(edges, edgeX0.length * 2);
    edgeX0 = Arrays.copyOf(edgeX0, capacity);
    edgeY0 = Arrays.copyOf(edgeY0, capacity);
    edgeXMin = Arrays.copyOf(edgeXMin, capacity);
    edgeYMin = Arrays.copyOf(edgeYMin, capacity);
    edgeXMax = Arrays.copyOf(edgeXMax, capacity);
    edgeYMax = Arrays.copyOf(edgeYMax, capacity);
    edgeDx = Arrays.copyOf(edgeDx, capacity);
    sloped = Arrays.copyOf(sloped, capacity);
    byTop = Arrays.copyOf(byTop, capacity);
    active = Arrays.copyOf(active, capacity);
    crossings = Arrays.copyOf(crossings, 2 * capacity);
  }

  /** {@code add_edge}. */
  private void addEdge(int e, int x0, int y0, int x1, int y1) {
    edgeXMin[e] = Math.min(x0, x1);
    edgeXMax[e] = Math.max(x0, x1);
    edgeYMin[e] = Math.min(y0, y1);
    edgeYMax[e] = Math.max(y0, y1);
    edgeDx[e] = y0 == y1 ? 0f : (float) (x1 - x0) / (y1 - y0);
    edgeX0[e] = x0;
    edgeY0[e] = y0;
  }

  /**
   * {@code polygon_generic} without alpha blending, the path {@code L}, {@code I} and RGBA take.
   * Pillow tests every edge on every row; here only the edges spanning the row are visited, still
   * in edge-table order, which is all its crossing order and corner search depend on.
   */
  private void scan(int n) {
    int ymin = height - 1;
    int ymax = 0;
    int edgeCount = 0;
    for (int i = 0; i < n; i++) {
      ymin = Math.min(ymin, edgeYMin[i]);
      ymax = Math.max(ymax, edgeYMax[i]);
      if (edgeYMin[i] == edgeYMax[i]) {
        hline(edgeXMin[i], edgeYMin[i], edgeXMax[i]);
        continue;
      }
      sloped[edgeCount] = i;
      byTop[edgeCount] = ((long) edgeYMin[i] << 32) | edgeCount;
      edgeCount++;
    }
    ymin = Math.max(ymin, 0);
    ymax = Math.min(ymax, height);
    Arrays.sort(byTop, 0, edgeCount);

    float[] xx = crossings;
    int nextByTop = 0;
    int activeCount = 0;
    for (int y = ymin; y <= ymax; y++) {
      while (nextByTop < edgeCount && (int) (byTop[nextByTop] >> 32) <= y) {
        activeCount = insertSorted(active, activeCount, (int) byTop[nextByTop++]);
      }
      activeCount = dropEndedBefore(y, activeCount);
      if (activeCount == 0) {
        if (nextByTop == edgeCount) {
          break;
        }
        continue;
      }
      int j = 0;
      for (int a = 0; a < activeCount; a++) {
        int i = active[a];
        int c = sloped[i];
        float x = xAt(c, y);
        xx[j++] = x;
        if (y == edgeYMax[c] && y < ymax) {
          // Counted twice so that the polygon's own vertices stay consistent.
          xx[j++] = x;
        } else if (edgeDx[c] != 0 && Math.rint(x) == x) {
          joinCorner(xx, a, c, x, y, ymax);
        }
      }
      sortPrefix(xx, j);
      for (int i = 1; i < j; i += 2) {
        hline(roundUp(xx[i - 1]), y, roundDown(xx[i]));
      }
    }
  }

  private static int insertSorted(int[] values, int count, int value) {
    int at = count;
    while (at > 0 && values[at - 1] > value) {
      values[at] = values[at - 1];
      at--;
    }
    values[at] = value;
    return count + 1;
  }

  private int dropEndedBefore(int y, int activeCount) {
    int kept = 0;
    for (int a = 0; a < activeCount; a++) {
      if (edgeYMax[sloped[active[a]]] >= y) {
        active[kept++] = active[a];
      }
    }
    return kept;
  }

  /**
   * Pillow's "connect discontiguous corners": when two edges sloping the same way meet on a whole
   * pixel, it widens the span using the next row. It writes into {@code xx[k]} with {@code k} the
   * other edge's index in the edge table, not the index of its crossing; that slip decides pixels,
   * so it is kept. Edges not spanning the row cannot meet the current one there, so only active
   * edges before it are searched.
   */
  private void joinCorner(float[] xx, int activeAt, int c, float x, int y, int ymax) {
    float dx = edgeDx[c];
    for (int b = 0; b < activeAt; b++) {
      int k = active[b];
      int o = sloped[k];
      float otherDx = edgeDx[o];
      if ((dx > 0 && otherDx <= 0) || (dx < 0 && otherDx >= 0)) {
        continue;
      }
      boolean bothStart = y == edgeYMin[c] && y == edgeYMin[o];
      boolean bothEnd = y == edgeYMax[c] && y == edgeYMax[o];
      if ((bothStart || bothEnd) && x == xAt(o, y)) {
        int offset = y == ymax ? -1 : 1;
        float adjacent = xAt(c, y + offset);
        float adjacentOther = xAt(o, y + offset);
        double max = Math.max((double) adjacent, (double) adjacentOther);
        double min = Math.min((double) adjacent, (double) adjacentOther);
        if (y == edgeYMax[c]) {
          xx[k] = dx > 0 ? (float) (max + 1) : (float) (min - 1);
        } else {
          xx[k] = dx > 0 ? (float) min : (float) (max + 1);
        }
        return;
      }
    }
  }

  /** {@code (y - e->y0) * e->dx + e->x0}, in float as C evaluates it. */
  private float xAt(int e, int y) {
    return (y - edgeY0[e]) * edgeDx[e] + edgeX0[e];
  }

  /** Crossings per row are usually few: insertion sort. Equal floats are interchangeable. */
  private static void sortPrefix(float[] xx, int length) {
    if (length > 32) {
      Arrays.sort(xx, 0, length);
      return;
    }
    for (int i = 1; i < length; i++) {
      float v = xx[i];
      int j = i - 1;
      while (j >= 0 && xx[j] > v) {
        xx[j + 1] = xx[j];
        j--;
      }
      xx[j + 1] = v;
    }
  }

  /**
   * {@code ROUND_UP}: half away from zero; {@code f + 0.5F} is a float sum for positive values but
   * a double sum after {@code fabs} for negative ones.
   */
  static int roundUp(float f) {
    return (int) (f >= 0.0 ? Math.floor(f + 0.5f) : -Math.floor(Math.abs((double) f) + 0.5));
  }

  /** {@code ROUND_DOWN}: half towards zero, with the same float/double asymmetry. */
  static int roundDown(float f) {
    return (int) (f >= 0.0 ? Math.ceil(f - 0.5f) : -Math.ceil(Math.abs((double) f) - 0.5));
  }

  /** {@code hline8}/{@code hline32}: ends in either order, clipped to the raster. */
  private void hline(int x0, int y, int x1) {
    if (y < 0 || y >= height) {
      return;
    }
    if (x0 > x1) {
      int t = x0;
      x0 = x1;
      x1 = t;
    }
    if (x0 < 0) {
      x0 = 0;
    } else if (x0 >= width) {
      return;
    }
    if (x1 < 0) {
      return;
    } else if (x1 >= width) {
      x1 = width - 1;
    }
    if (x0 <= x1) {
      int row = y * width;
      if (pixels8 != null) {
        Arrays.fill(pixels8, row + x0, row + x1 + 1, (byte) value);
      } else {
        Arrays.fill(pixels16, row + x0, row + x1 + 1, (short) value);
      }
    }
  }
}

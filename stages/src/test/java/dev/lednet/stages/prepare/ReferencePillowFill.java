package dev.lednet.stages.prepare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A second, deliberately plain reading of Pillow 9.4.0's polygon fill ({@code Draw.c}), kept
 * apart from {@link PillowPolygonFill} to check it: objects and lists instead of scratch arrays,
 * no merging of consecutive horizontal segments (it changes no pixel), a per-pixel bounds check.
 */
final class ReferencePillowFill {

  private record Edge(int x0, int y0, int xmin, int ymin, int xmax, int ymax, float dx) {
    static Edge of(int x0, int y0, int x1, int y1) {
      float dx = y0 == y1 ? 0f : ((float) (x1 - x0)) / (y1 - y0);
      return new Edge(
          x0, y0, Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1), dx);
    }

    float xAt(int y) {
      float rows = y - y0;
      return rows * dx + x0;
    }
  }

  private ReferencePillowFill() {}

  /** The pixels Pillow sets for {@code polygon(xy)} on a {@code width x height} image. */
  static boolean[] mask(int width, int height, double[] xy) {
    boolean[] mask = new boolean[width * height];
    int count = xy.length / 2;
    int[] p = new int[xy.length];
    for (int i = 0; i < xy.length; i++) {
      p[i] = (int) xy[i];
    }
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < count - 1; i++) {
      edges.add(Edge.of(p[2 * i], p[2 * i + 1], p[2 * i + 2], p[2 * i + 3]));
    }
    int last = count - 1;
    if (p[2 * last] != p[0] || p[2 * last + 1] != p[1]) {
      edges.add(Edge.of(p[2 * last], p[2 * last + 1], p[0], p[1]));
    }

    int top = height - 1;
    int bottom = 0;
    List<Edge> sloped = new ArrayList<>();
    for (Edge e : edges) {
      top = Math.min(top, e.ymin());
      bottom = Math.max(bottom, e.ymax());
      if (e.ymin() == e.ymax()) {
        span(mask, width, height, e.ymin(), e.xmin(), e.xmax());
      } else {
        sloped.add(e);
      }
    }
    top = Math.max(top, 0);
    bottom = Math.min(bottom, height);

    float[] xs = new float[2 * sloped.size()];
    for (int y = top; y <= bottom; y++) {
      int n = 0;
      for (int i = 0; i < sloped.size(); i++) {
        Edge e = sloped.get(i);
        if (y < e.ymin() || y > e.ymax()) {
          continue;
        }
        float x = e.xAt(y);
        xs[n++] = x;
        if (y == e.ymax() && y < bottom) {
          xs[n++] = x;
          continue;
        }
        if (e.dx() == 0 || (float) Math.round(x) != x) {
          continue;
        }
        for (int k = 0; k < i; k++) {
          Edge o = sloped.get(k);
          boolean sameSlopeSign = e.dx() > 0 ? o.dx() > 0 : o.dx() < 0;
          boolean meetHere =
              (y == e.ymin() && y == o.ymin()) || (y == e.ymax() && y == o.ymax());
          if (!sameSlopeSign || !meetHere || o.xAt(y) != x) {
            continue;
          }
          int next = y == bottom ? y - 1 : y + 1;
          double a = e.xAt(next);
          double b = o.xAt(next);
          if (y == e.ymax()) {
            xs[k] = (float) (e.dx() > 0 ? Math.max(a, b) + 1 : Math.min(a, b) - 1);
          } else {
            xs[k] = (float) (e.dx() > 0 ? Math.min(a, b) : Math.max(a, b) + 1);
          }
          break;
        }
      }
      float[] row = Arrays.copyOf(xs, n);
      Arrays.sort(row);
      for (int i = 1; i < n; i += 2) {
        span(mask, width, height, y, roundHalfUp(row[i - 1]), roundHalfDown(row[i]));
      }
    }
    return mask;
  }

  private static int roundHalfUp(float f) {
    if (f >= 0) {
      float shifted = f + 0.5f;
      return (int) Math.floor(shifted);
    }
    double shifted = -(double) f + 0.5;
    return -(int) Math.floor(shifted);
  }

  private static int roundHalfDown(float f) {
    if (f >= 0) {
      float shifted = f - 0.5f;
      return (int) Math.ceil(shifted);
    }
    double shifted = -(double) f - 0.5;
    return -(int) Math.ceil(shifted);
  }

  private static void span(boolean[] mask, int width, int height, int y, int xa, int xb) {
    for (int x = Math.min(xa, xb); x <= Math.max(xa, xb); x++) {
      if (x >= 0 && x < width && y >= 0 && y < height) {
        mask[y * width + x] = true;
      }
    }
  }
}

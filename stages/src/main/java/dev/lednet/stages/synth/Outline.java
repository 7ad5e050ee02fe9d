package dev.lednet.stages.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A polygon under construction in image coordinates, from world points projected by a camera or
 * from image points; {@link #clip} turns it into the integral, in-image vertices that annotation
 * files hold.
 */
final class Outline {

  private double[] xs = new double[16];
  private double[] ys = new double[16];
  private int size;

  /** Adds an image point. */
  Outline image(double x, double y) {
    if (size == xs.length) {
      xs = Arrays.copyOf(xs, size * 2);
      ys = Arrays.copyOf(ys, size * 2);
    }
    xs[size] = x;
    ys[size] = y;
    size++;
    return this;
  }

  /** Adds the projection of a world point. */
  Outline world(Camera camera, double x, double y, double z) {
    return image(camera.x(x, z), camera.y(y, z));
  }

  /**
   * Adds a shape given in metres in the plane facing the camera at depth {@code z}, its origin at
   * world {@code (x, 0)}, mirrored when {@code mirror}.
   */
  Outline facing(Camera camera, double x, double z, double[] shape, boolean mirror) {
    for (int i = 0; i < shape.length; i += 2) {
      double u = mirror ? -shape[i] : shape[i];
      world(camera, x + u, shape[i + 1], z);
    }
    return this;
  }

  /** The convex hull of the points added so far (Andrew's monotone chain). */
  Outline hull() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> xs[a] != xs[b] ? Double.compare(xs[a], xs[b]) : Double.compare(ys[a], ys[b]));
    int[] chain = new int[2 * size];
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      int start = k;
      for (int j = 0; j < size; j++) {
        int i = order[pass == 0 ? j : size - 1 - j];
        while (k >= start + 2 && cross(chain[k - 2], chain[k - 1], i) <= 0) {
          k--;
        }
        chain[k++] = i;
      }
      k--;
    }
    Outline hull = new Outline();
    for (int i = 0; i < k; i++) {
      hull.image(xs[chain[i]], ys[chain[i]]);
    }
    return hull;
  }

  private double cross(int o, int a, int b) {
    return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
  }

  /**
   * The outline clipped to the image (Sutherland-Hodgman against each border), rounded to whole
   * pixels, without repeated vertices; empty when less than a sliver remains.
   */
  List<Point> clip(int width, int height) {
    double[][] poly = {Arrays.copyOf(xs, size), Arrays.copyOf(ys, size)};
    poly = clipEdge(poly, 0, 0, false);
    poly = clipEdge(poly, 0, width - 1, true);
    poly = clipEdge(poly, 1, 0, false);
    poly = clipEdge(poly, 1, height - 1, true);
    List<Point> points = new ArrayList<>(poly[0].length);
    for (int i = 0; i < poly[0].length; i++) {
      Point p = new Point((int) Math.round(poly[0][i]), (int) Math.round(poly[1][i]));
      if (points.isEmpty() || !points.get(points.size() - 1).equals(p)) {
        points.add(p);
      }
    }
    while (points.size() > 1 && points.get(0).equals(points.get(points.size() - 1))) {
      points.remove(points.size() - 1);
    }
    return points.size() >= 3 && twiceArea(points) >= 2 ? points : List.of();
  }

  private static double[][] clipEdge(double[][] poly, int axis, double limit, boolean keepBelow) {
    int n = poly[0].length;
    double[] outX = new double[2 * n + 2];
    double[] outY = new double[2 * n + 2];
    int m = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double ai = poly[axis][i];
      double aj = poly[axis][j];
      boolean inI = keepBelow ? ai <= limit : ai >= limit;
      boolean inJ = keepBelow ? aj <= limit : aj >= limit;
      if (inI) {
        outX[m] = poly[0][i];
        outY[m++] = poly[1][i];
      }
      if (inI != inJ) {
        double t = (limit - ai) / (aj - ai);
        outX[m] = poly[0][i] + t * (poly[0][j] - poly[0][i]);
        outY[m++] = poly[1][i] + t * (poly[1][j] - poly[1][i]);
      }
    }
    return new double[][] {Arrays.copyOf(outX, m), Arrays.copyOf(outY, m)};
  }

  private static long twiceArea(List<Point> points) {
    long sum = 0;
    for (int i = 0; i < points.size(); i++) {
      Point a = points.get(i);
      Point b = points.get((i + 1) % points.size());
      sum += (long) a.x() * b.y() - (long) b.x() * a.y();
    }
    return Math.abs(sum);
  }
}

package dev.lednet.stages.synth;

import java.util.SplittableRandom;

/**
 * Outlines of people, bikes and signs in metres, as flat shapes facing the camera: {@code {u0, v0,
 * u1, v1, ...}} with {@code u} to the right of the object's origin and {@code v} up from the road.
 */
final class Silhouettes {

  private Silhouettes() {}

  /** A standing person seen from front or back, feet apart by the stride, arms hanging. */
  static double[] person(SplittableRandom random, double height) {
    double stride = random.nextDouble(0.0, 0.22);
    double arm = random.nextDouble(0.0, 0.08);
    double h = height;
    double[] left = {
      -0.12 - stride, 0,
      -0.15 - stride * 0.6, 0.27 * h,
      -0.17, 0.50 * h,
      -0.18, 0.70 * h,
      -0.21 - arm, 0.42 * h,
      -0.26 - arm, 0.45 * h,
      -0.23, 0.80 * h,
      -0.06, 0.85 * h,
      -0.10, 0.89 * h,
      -0.11, 0.94 * h,
      -0.07, 0.99 * h,
    };
    double rightStride = random.nextDouble(0.0, 0.22);
    double[] shape = new double[left.length * 2 + 8];
    int k = 0;
    for (int i = 0; i < left.length; i += 2) {
      shape[k++] = left[i];
      shape[k++] = left[i + 1];
    }
    shape[k++] = 0;
    shape[k++] = h;
    for (int i = left.length - 2; i >= 2; i -= 2) {
      // The right side mirrors the left, with its own stride.
      double u = -left[i];
      if (i <= 2) {
        u += rightStride - stride;
      }
      shape[k++] = u;
      shape[k++] = left[i + 1];
    }
    shape[k++] = 0.12 + rightStride;
    shape[k++] = 0;
    shape[k++] = 0.03;
    shape[k++] = 0;
    shape[k++] = 0;
    shape[k++] = 0.46 * h;
    shape[k++] = -0.03;
    shape[k++] = 0;
    return java.util.Arrays.copyOf(shape, k);
  }

  /** A bicycle from the side, origin under the rear wheel, 1.75 m long. */
  static double[] bicycle() {
    return twoWheeler(
        0.34,
        0.34,
        1.40,
        new double[] {1.30, 1.00, 1.20, 1.02, 1.22, 0.95, 0.55, 0.78, 0.42, 0.95, 0.28, 0.97, 0.26, 0.93, 0.37, 0.88, 0.37, 0.70});
  }

  /** A motorcycle from the side, origin under the rear wheel, 2.1 m long. */
  static double[] motorcycle() {
    return twoWheeler(
        0.31,
        0.35,
        1.75,
        new double[] {1.66, 0.90, 1.58, 1.15, 1.46, 1.13, 1.22, 1.02, 0.75, 0.93, 0.35, 0.90, 0.08, 0.86, 0.12, 0.68});
  }

  private static double[] twoWheeler(double radius, double rearU, double frontU, double[] top) {
    double[] shape = new double[(8 + 8) * 2 + top.length];
    int k = 0;
    for (int step = 0; step < 8; step++) {
      double angle = Math.toRadians(90 + step * 30);
      shape[k++] = rearU + radius * Math.cos(angle);
      shape[k++] = radius + radius * Math.sin(angle);
    }
    for (int step = 0; step < 8; step++) {
      double angle = Math.toRadians(240 + step * 30);
      shape[k++] = frontU + radius * Math.cos(angle);
      shape[k++] = radius + radius * Math.sin(angle);
    }
    System.arraycopy(top, 0, shape, k, top.length);
    return shape;
  }

  /** An irregular round blob (a tree crown, a bush) of the given radius centred at height v. */
  static double[] blob(SplittableRandom random, double radius, double v, int vertices) {
    double[] shape = new double[vertices * 2];
    for (int i = 0; i < vertices; i++) {
      double angle = 2 * Math.PI * i / vertices;
      double r = radius * random.nextDouble(0.75, 1.2);
      shape[2 * i] = r * Math.cos(angle);
      shape[2 * i + 1] = v + r * 0.85 * Math.sin(angle);
    }
    return shape;
  }

  /** A rectangle from u0 to u1 and v0 to v1. */
  static double[] box(double u0, double u1, double v0, double v1) {
    return new double[] {u0, v0, u0, v1, u1, v1, u1, v0};
  }

  /** A traffic sign plate of one of the common shapes, centred at height v. */
  static double[] signPlate(SplittableRandom random, double v) {
    switch (random.nextInt(5)) {
      case 0: // round
        double[] circle = new double[32];
        for (int i = 0; i < 16; i++) {
          double angle = 2 * Math.PI * i / 16;
          circle[2 * i] = 0.32 * Math.cos(angle);
          circle[2 * i + 1] = v + 0.32 * Math.sin(angle);
        }
        return circle;
      case 1: // warning triangle
        return new double[] {-0.4, v - 0.3, 0.4, v - 0.3, 0, v + 0.38};
      case 2: // give way
        return new double[] {-0.4, v + 0.3, 0.4, v + 0.3, 0, v - 0.38};
      case 3: // priority road
        return new double[] {0, v - 0.35, 0.35, v, 0, v + 0.35, -0.35, v};
      default: // information panel
        return box(-0.45, 0.45, v - 0.3, v + 0.3);
    }
  }
}

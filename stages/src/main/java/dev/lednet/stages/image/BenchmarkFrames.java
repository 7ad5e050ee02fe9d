package dev.lednet.stages.image;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic street scenes shaped like Cityscapes files, for measuring codecs: a labelId map (large
 * flat regions with object outlines), the matching instanceId map (labelId * 1000 + instance for
 * cars and people) and a noisy photo, so that zlib sees about as much redundancy as in real frames.
 * The same seed always gives the same frames.
 */
final class BenchmarkFrames {

  private static final int SKY = 23;
  private static final int BUILDING = 11;
  private static final int VEGETATION = 21;
  private static final int ROAD = 7;
  private static final int SIDEWALK = 8;
  private static final int POLE = 17;
  private static final int PERSON = 24;
  private static final int CAR = 26;
  private static final int EGO_VEHICLE = 1;

  private final int width;
  private final int height;
  private final byte[] labels;
  private final short[] instances;

  private BenchmarkFrames(int width, int height) {
    this.width = width;
    this.height = height;
    this.labels = new byte[width * height];
    this.instances = new short[width * height];
    paintScene(new SplittableRandom(2048));
  }

  /** The labelId map, the instanceId map and the photo of one scene, in that order. */
  static List<Raster> all(int width, int height) {
    BenchmarkFrames scene = new BenchmarkFrames(width, height);
    return List.of(scene.labelIds(), scene.instanceIds(), scene.photo());
  }

  Raster labelIds() {
    return Raster.gray8(width, height, labels);
  }

  Raster instanceIds() {
    return Raster.gray16(width, height, instances);
  }

  Raster photo() {
    byte[] rgb = new byte[width * height * 3];
    // Smooth shading and texture, which row filters remove, under pixel noise, which they cannot:
    // without the former a flat-colour scene compresses best unfiltered, unlike a real photo.
    double[] waveX = new double[width];
    double[] waveY = new double[height];
    for (int x = 0; x < width; x++) {
      waveX[x] = Math.sin(x * 0.13);
    }
    for (int y = 0; y < height; y++) {
      waveY[y] = Math.sin(y * 0.09);
    }
    long noise = 0x9E3779B97F4A7C15L;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        int colour = baseColour(labels[i]);
        int shade = 24 * y / height + 32 * x / width + (int) (16 * waveX[x] * waveY[y]);
        for (int c = 0; c < 3; c++) {
          // xorshift noise of +-2
          noise ^= noise << 13;
          noise ^= noise >>> 7;
          noise ^= noise << 17;
          int value = (colour >> (16 - 8 * c) & 0xff) + shade + (int) ((noise & 0xffff) % 5) - 2;
          rgb[i * 3 + c] = (byte) Math.max(0, Math.min(255, value));
        }
      }
    }
    return Raster.rgb(width, height, rgb);
  }

  private void paintScene(SplittableRandom random) {
    int horizon = height * 45 / 100;
    for (int y = 0; y < height; y++) {
      // The road is a trapezoid widening towards the camera, sidewalks on either side.
      int halfRoad = (y - horizon) * width / (2 * Math.max(1, height - horizon)) + width / 40;
      for (int x = 0; x < width; x++) {
        int label;
        if (y < horizon) {
          label = SKY;
        } else if (Math.abs(x - width / 2) < halfRoad) {
          label = ROAD;
        } else {
          label = SIDEWALK;
        }
        labels[y * width + x] = (byte) label;
      }
    }
    for (int b = 0; b < 14; b++) {
      int x0 = random.nextInt(width);
      int w = width / 30 + random.nextInt(width / 8);
      fillRect(x0, horizon - random.nextInt(horizon), w, horizon, BUILDING, 0);
    }
    for (int v = 0; v < 10; v++) {
      int cx = random.nextInt(width);
      int cy = horizon - random.nextInt(horizon / 2);
      int rx = width / 40 + random.nextInt(width / 12);
      fillEllipse(cx, cy, rx, height / 30 + random.nextInt(height / 10), VEGETATION, 0);
    }
    for (int p = 0; p < 12; p++) {
      int x = random.nextInt(width);
      fillRect(x, horizon / 3 + random.nextInt(horizon / 2), Math.max(1, width / 300), horizon, POLE, 0);
    }
    for (int c = 0; c < 25; c++) {
      int y = horizon + random.nextInt(Math.max(1, height - horizon) * 2 / 3);
      int scale = 1 + 4 * (y - horizon) / Math.max(1, height - horizon);
      int w = scale * width / 40;
      int h = scale * height / 50;
      int x = random.nextInt(width);
      fillRect(x, y - h, w, h * 2 / 3, CAR, c + 1);
      fillEllipse(x + w / 2, y - h, w / 3, h / 2, CAR, c + 1);
    }
    for (int p = 0; p < 30; p++) {
      int y = horizon + random.nextInt(Math.max(1, height - horizon) / 2);
      int h = height / 20 + random.nextInt(height / 12);
      int x = random.nextInt(width);
      fillRect(x, y - h, Math.max(2, h / 4), h, PERSON, p + 1);
      fillEllipse(x + h / 8, y - h, Math.max(1, h / 8), Math.max(1, h / 8), PERSON, p + 1);
    }
    fillEllipse(width / 2, height, width * 3 / 5, height / 9, EGO_VEHICLE, 0);
  }

  private void fillRect(int x0, int y0, int w, int h, int label, int instance) {
    for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (int x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        set(x, y, label, instance);
      }
    }
  }

  private void fillEllipse(int cx, int cy, int rx, int ry, int label, int instance) {
    for (int y = Math.max(0, cy - ry); y < Math.min(height, cy + ry + 1); y++) {
      for (int x = Math.max(0, cx - rx); x < Math.min(width, cx + rx + 1); x++) {
        double dx = (x - cx) / (double) rx;
        double dy = (y - cy) / (double) ry;
        if (dx * dx + dy * dy <= 1) {
          set(x, y, label, instance);
        }
      }
    }
  }

  private void set(int x, int y, int label, int instance) {
    labels[y * width + x] = (byte) label;
    instances[y * width + x] = (short) (instance == 0 ? label : label * 1000 + instance);
  }

  private static int baseColour(byte label) {
    return switch (label) {
      case SKY -> 0x4682b4;
      case BUILDING -> 0x464646;
      case VEGETATION -> 0x6b8e23;
      case ROAD -> 0x804080;
      case SIDEWALK -> 0xf423e8;
      case POLE -> 0x999999;
      case PERSON -> 0xdc143c;
      case CAR -> 0x00008e;
      default -> 0x202020;
    };
  }
}

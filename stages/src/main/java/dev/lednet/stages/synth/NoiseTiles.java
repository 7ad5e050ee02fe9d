package dev.lednet.stages.synth;

import java.util.SplittableRandom;

/**
 * Fixed 256x256 tiles of noise in [-1, 1] that wrap around, for textures at pixel speed: white
 * noise, and smooth value noise with 4 and 32 pixel cells. They are the same in every JVM; frames
 * differ by where they sample them.
 */
final class NoiseTiles {

  static final int SIZE = 256;
  static final int MASK = SIZE - 1;

  static final float[] WHITE = white(new SplittableRandom(0x5EED_0001L));
  static final float[] FINE = smooth(new SplittableRandom(0x5EED_0004L), 4);
  static final float[] COARSE = smooth(new SplittableRandom(0x5EED_0032L), 32);

  private NoiseTiles() {}

  static float at(float[] tile, int x, int y) {
    return tile[((y & MASK) << 8) | (x & MASK)];
  }

  private static float[] white(SplittableRandom random) {
    float[] tile = new float[SIZE * SIZE];
    for (int i = 0; i < tile.length; i++) {
      tile[i] = (float) random.nextDouble(-1, 1);
    }
    return tile;
  }

  private static float[] smooth(SplittableRandom random, int cell) {
    int cells = SIZE / cell;
    float[] lattice = new float[cells * cells];
    for (int i = 0; i < lattice.length; i++) {
      lattice[i] = (float) random.nextDouble(-1, 1);
    }
    float[] tile = new float[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      int cy = y / cell;
      float ty = smoothstep((y % cell) / (float) cell);
      for (int x = 0; x < SIZE; x++) {
        int cx = x / cell;
        float tx = smoothstep((x % cell) / (float) cell);
        float a = lattice[cy * cells + cx];
        float b = lattice[cy * cells + (cx + 1) % cells];
        float c = lattice[((cy + 1) % cells) * cells + cx];
        float d = lattice[((cy + 1) % cells) * cells + (cx + 1) % cells];
        float top = a + (b - a) * tx;
        float bottom = c + (d - c) * tx;
        tile[y * SIZE + x] = top + (bottom - top) * ty;
      }
    }
    return tile;
  }

  private static float smoothstep(float t) {
    return t * t * (3 - 2 * t);
  }
}

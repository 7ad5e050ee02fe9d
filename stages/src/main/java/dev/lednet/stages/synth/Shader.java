package dev.lednet.stages.synth;

import static dev.lednet.stages.synth.NoiseTiles.COARSE;
import static dev.lednet.stages.synth.NoiseTiles.FINE;
import static dev.lednet.stages.synth.NoiseTiles.WHITE;
import static dev.lednet.stages.synth.NoiseTiles.at;



/**
 * The per-pixel part of rendering: each pixel takes the material of the object drawn there, in
 * object, facade or road coordinates, then haze, exposure, vignetting and sensor noise.
 */
final class Shader {

  private final int width;
  private final int height;
  private final Camera camera;
  private final Lighting lighting;
  private final Paint[] paints;
  private final float fogR;
  private final float fogG;
  private final float fogB;
  private int noiseState;

  // The colour of the pixel being shaded, before haze and exposure.
  private float r;
  private float g;
  private float b;

  Shader(StreetScene scene, Lighting lighting, Paint[] paints, long noiseSeed) {
    this.width = scene.width();
    this.height = scene.height();
    this.camera = scene.camera();
    this.lighting = lighting;
    this.paints = paints;
    float[] horizon = {200, 205, 210};
    for (Paint paint : paints) {
      if (paint.material == Paint.SKY) {
        horizon = new float[] {paint.colors[3], paint.colors[4], paint.colors[5]};
        break;
      }
    }
    fogR = horizon[0];
    fogG = horizon[1];
    fogB = horizon[2];
    noiseState = (int) (noiseSeed ^ (noiseSeed >>> 32)) | 1;
  }

  byte[] shade(short[] objects) {
    byte[] rgb = new byte[width * height * 3];
    float[] columnVignette = new float[width];
    for (int x = 0; x < width; x++) {
      float d = (x - width / 2f) / (width / 2f);
      columnVignette[x] = 1 - 0.12f * d * d;
    }
    float gainR = lighting.gain() * lighting.red();
    float gainG = lighting.gain();
    float gainB = lighting.gain() * lighting.blue();
    float noise = lighting.noise();
    float horizonY = (float) camera.horizonY();
    for (int y = 0; y < height; y++) {
      float rowDepth = y > horizonY + 0.5f ? (float) camera.groundDepth(y + 0.5) : 1e4f;
      float rowScale = rowDepth / (float) camera.focalX();
      float rowFog = 1 - (float) Math.exp(-rowDepth / lighting.visibility());
      float dy = (y - height / 2f) / (height / 2f);
      float rowVignette = 1 - 0.1f * dy * dy;
      int i = y * width;
      for (int x = 0; x < width; x++, i++) {
        Paint paint = paints[objects[i] & 0xffff];
        float fog = paint.fog;
        switch (paint.material) {
          case Paint.SKY -> sky(paint, x, y);
          case Paint.BUILDING -> building(paint, x, y);
          case Paint.ROAD -> {
            road(paint, x, y, rowDepth, rowScale);
            fog = rowFog;
          }
          case Paint.SIDEWALK -> {
            sidewalk(paint, x, y, rowDepth, rowScale);
            fog = rowFog;
          }
          case Paint.FLAT, Paint.TERRAIN -> {
            grainy(paint, x, y, paint.material == Paint.TERRAIN ? 0.14f : 0.07f);
            fog = rowFog;
          }
          case Paint.VEGETATION -> vegetation(paint, x, y);
          case Paint.WALL -> wall(paint, x, y);
          case Paint.FENCE -> fence(paint, x, y);
          case Paint.POLE -> pole(paint, x, y);
          case Paint.SIGN -> sign(paint, x, y);
          case Paint.LIGHT -> trafficLight(paint, x, y);
          case Paint.CAR -> car(paint, x, y);
          case Paint.TRUCK -> truck(paint, x, y);
          case Paint.BUS, Paint.TRAIN -> busOrTrain(paint, x, y);
          case Paint.BIKE -> bike(paint, x, y);
          case Paint.PERSON -> person(paint, x, y);
          case Paint.PLATE -> plate(paint, x, y);
          case Paint.EGO -> ego(paint, x, y);
          default -> grainy(paint, x, y, 0.08f);
        }
        float light = columnVignette[x] * rowVignette;
        float red = (r + (fogR - r) * fog) * gainR * light;
        float green = (g + (fogG - g) * fog) * gainG * light;
        float blue = (b + (fogB - b) * fog) * gainB * light;
        int bits = nextNoise();
        float luma = ((bits & 0xff) + ((bits >>> 8) & 0xff) - 255) * (noise / 128f);
        red += luma + (((bits >>> 16) & 0xff) - 128) * (noise / 512f);
        green += luma;
        blue += luma + ((bits >>> 24) - 128) * (noise / 512f);
        int o = i * 3;
        rgb[o] = clamp(red);
        rgb[o + 1] = clamp(green);
        rgb[o + 2] = clamp(blue);
      }
    }
    return rgb;
  }

  // ---- materials ----------------------------------------------------------------------------

  private void sky(Paint p, int x, int y) {
    float t = Math.min(1f, Math.max(0f, y / (float) camera.horizonY()));
    t = (float) Math.sqrt(t);
    set(p, 0, 1 - t);
    add(p, 1, t);
    float cloud = p.params[0] * (at(COARSE, (x >> 1) + p.noiseX, y + p.noiseY) * 1.5f + 0.3f * at(FINE, x, y));
    cloud = Math.max(0f, Math.min(1f, cloud));
    r += (232 - r) * cloud;
    g += (234 - g) * cloud;
    b += (238 - b) * cloud;
  }

  private void building(Paint p, int x, int y) {
    Surface surface = p.surface;
    float u;
    float v;
    float dx = (float) (x - camera.vanishingX());
    float rowOffset = (float) (y - camera.horizonY());
    if (surface.isSideFacade() && dx * surface.facadeX() > 0 && Math.abs(dx) > 0.5f) {
      float z = (float) (camera.focalX() * surface.facadeX() / dx);
      u = z;
      v = (float) (camera.height() - rowOffset * z / camera.focalY());
    } else {
      float z = (float) surface.depth();
      u = dx * z / (float) camera.focalX();
      v = (float) (camera.height() - rowOffset * z / camera.focalY());
    }
    float floor = p.params[0];
    float spacing = p.params[1];
    float fv = fraction(v / floor);
    float fu = fraction(u / spacing);
    float halfWindow = p.params[2] / 2;
    float windowHeight = v < floor ? 0.65f : p.params[3];
    float du = Math.abs(fu - 0.5f);
    float dv = fv - 0.25f;
    boolean inFrame = v > 0.3f && du < halfWindow + 0.03f && dv > -0.03f && dv < windowHeight + 0.03f;
    if (inFrame && du < halfWindow && dv > 0 && dv < windowHeight) {
      int window = (int) Math.floor(u / spacing) * 31 + (int) Math.floor(v / floor) * 17;
      float variation = hash(window, p.noiseX) * 40;
      set(p, 1, 1);
      float reflection = 35 * (1 - dv / windowHeight) + variation;
      r += reflection;
      g += reflection;
      b += reflection * 1.1f;
    } else if (inFrame) {
      set(p, 2, 0.9f);
    } else {
      float texture = 0.92f + 0.05f * at(FINE, x + p.noiseX, y + p.noiseY) + 0.05f * at(COARSE, x + p.noiseX, y + p.noiseY) + 0.03f * at(WHITE, x, y);
      if (fv < 0.03f) {
        texture *= 0.85f;
      }
      set(p, 0, texture);
    }
    r *= p.light;
    g *= p.light;
    b *= p.light;
  }

  private void road(Paint p, int x, int y, float depth, float scale) {
    float texture = 0.93f + 0.04f * at(FINE, x, y) + 0.06f * at(COARSE, (x >> 1) + p.noiseX, (y >> 1) + p.noiseY) + 0.05f * at(WHITE, x, y);
    set(p, 0, texture);
    if (y <= camera.horizonY() + 2 || depth > 150) {
      return;
    }
    float lateral = (float) (x - camera.vanishingX()) * scale;
    float laneWidth = p.params[1];
    float lanes = p.params[2];
    float position = (lateral - p.params[0]) / laneWidth;
    int lane = Math.round(position);
    float off = Math.abs(position - lane) * laneWidth;
    float half = Math.max(0.07f, scale * 0.6f);
    boolean dash = lane >= 1 && lane < lanes && off < half && fraction((depth + p.params[3]) / 12f) < 0.4f;
    float fromLeft = position * laneWidth;
    float fromRight = (lanes - position) * laneWidth;
    boolean edge = (fromLeft > 0.25f && fromLeft < 0.25f + 2 * half) || (fromRight > 0.25f && fromRight < 0.25f + 2 * half);
    if (dash || edge) {
      set(p, 1, 0.92f + 0.08f * at(FINE, x, y));
    }
  }

  private void sidewalk(Paint p, int x, int y, float depth, float scale) {
    float texture = 0.92f + 0.04f * at(FINE, x, y) + 0.05f * at(COARSE, x + p.noiseX, y + p.noiseY) + 0.04f * at(WHITE, x, y);
    float tile = p.params[0];
    if (y > camera.horizonY() + 2 && scale < tile * 0.25f) {
      float lateral = (float) (x - camera.vanishingX()) * scale;
      float tu = lateral / tile;
      float tz = depth / tile;
      float joint = Math.max(0.04f, scale / tile);
      if (fraction(tu) < joint || fraction(tz) < joint * 3) {
        texture *= 0.78f;
      } else {
        texture *= 1 + 0.1f * hash((int) Math.floor(tu), (int) Math.floor(tz));
      }
    }
    set(p, 0, texture);
  }

  private void grainy(Paint p, int x, int y, float amount) {
    float texture = 1 + amount * (0.8f * at(FINE, x + p.noiseX, y + p.noiseY) + at(COARSE, x + p.noiseX, y + p.noiseY) + 0.6f * at(WHITE, x, y));
    set(p, 0, texture * vertical(p, y, 0.1f));
  }

  private void vegetation(Paint p, int x, int y) {
    if (p.params[0] > 0) {
      float bark = 0.9f + 0.1f * at(FINE, x * 3 + p.noiseX, y + p.noiseY) + 0.05f * at(WHITE, x, y);
      set(p, 0, bark * (0.7f + 0.6f * shapeAcross(p, x)));
      return;
    }
    float leaves = 0.55f * at(FINE, x + p.noiseX, y + p.noiseY) + 0.3f * at(WHITE, x, y) + 0.35f * at(COARSE, (x >> 1) + p.noiseX, (y >> 1) + p.noiseY);
    if (leaves < -0.5f) {
      set(p, 1, 1);
    } else {
      set(p, 0, (0.7f + 0.45f * leaves) * vertical(p, y, 0.35f));
    }
  }

  private void wall(Paint p, int x, int y) {
    float texture = 0.92f + 0.05f * at(FINE, x + p.noiseX, y + p.noiseY) + 0.05f * at(COARSE, x + p.noiseX, y) + 0.03f * at(WHITE, x, y);
    if (p.surface.isSideFacade()) {
      float dx = (float) (x - camera.vanishingX());
      if (dx * p.surface.facadeX() > 0) {
        float z = (float) (camera.focalX() * p.surface.facadeX() / dx);
        float v = (float) (camera.height() - (y - camera.horizonY()) * z / camera.focalY());
        if (fraction(v / 0.6f) < 0.06f || fraction(z / 1.2f) < 0.03f) {
          texture *= 0.82f;
        }
      }
    }
    set(p, 0, texture * vertical(p, y, 0.15f));
  }

  private void fence(Paint p, int x, int y) {
    float along;
    float dx = (float) (x - camera.vanishingX());
    if (p.surface.isSideFacade() && dx * p.surface.facadeX() > 0) {
      along = (float) (camera.focalX() * p.surface.facadeX() / dx) / p.params[0];
    } else {
      along = x / 6f;
    }
    float t = (y - p.y0) * p.invHeight;
    boolean rail = t < 0.08f || (t > 0.45f && t < 0.52f);
    if (rail || fraction(along) < 0.6f) {
      set(p, 0, 0.9f + 0.08f * at(FINE, x, y + p.noiseY) + 0.04f * at(WHITE, x, y));
    } else {
      set(p, 1, 1 + 0.2f * at(COARSE, x + p.noiseX, y));
    }
  }

  private void pole(Paint p, int x, int y) {
    set(p, 0, (0.55f + 0.7f * shapeAcross(p, x)) * (0.97f + 0.03f * at(WHITE, x, y)));
  }

  private void sign(Paint p, int x, int y) {
    float s = (x - p.x0) * p.invWidth;
    float t = (y - p.y0) * p.invHeight;
    float edge = Math.min(Math.min(s, 1 - s), Math.min(t, 1 - t));
    if (edge < 0.1f) {
      set(p, 1, 1);
    } else if (Math.abs(s - 0.5f) < 0.14f && Math.abs(t - 0.5f) < 0.2f) {
      boolean brightPlate = p.colors[0] + p.colors[1] + p.colors[2] > 450;
      if (brightPlate) {
        set(p, 2, 1);
      } else {
        r = 235;
        g = 235;
        b = 232;
      }
    } else {
      set(p, 0, 0.97f + 0.03f * at(FINE, x, y));
    }
  }

  private void trafficLight(Paint p, int x, int y) {
    float s = (x - p.x0) * p.invWidth;
    float t = (y - p.y0) * p.invHeight;
    int lamp = Math.min(2, (int) (t * 3));
    float ds = (s - 0.5f) / 0.32f;
    float dt = (t - (lamp + 0.5f) / 3f) / 0.12f;
    if (ds * ds + dt * dt < 1) {
      set(p, lamp == (int) p.params[0] ? 1 : 2, 1);
    } else {
      set(p, 0, 1 + 0.1f * at(FINE, x, y));
    }
  }

  private void car(Paint p, int x, int y) {
    float s = (x - p.x0) * p.invWidth;
    float t = (y - p.y0) * p.invHeight;
    if (t > 0.07f && t < 0.4f && s > 0.08f && s < 0.92f) {
      set(p, 1, 1);
      float reflection = 45 * (0.4f - t) + 10 * at(COARSE, x + p.noiseX, y);
      r += reflection;
      g += reflection;
      b += reflection;
    } else if (t > 0.88f) {
      set(p, 2, 1);
    } else if (t > 0.47f && t < 0.57f && (s < 0.09f || s > 0.91f)) {
      r = 175;
      g = 25;
      b = 28;
    } else {
      float highlight = t > 0.4f && t < 0.48f ? 1.18f : 1.05f - 0.3f * t;
      set(p, 0, highlight + 0.03f * at(FINE, x + p.noiseX, y + p.noiseY));
    }
  }

  private void truck(Paint p, int x, int y) {
    float t = (y - p.y0) * p.invHeight;
    if (t > 0.92f) {
      set(p, 2, 1);
      return;
    }
    float ribPixels = Math.max(3f, p.params[0] * (float) camera.focalX() / (float) p.surface.depth());
    boolean rib = fraction((x - p.x0) / ribPixels) < 0.15f;
    set(p, 0, (rib ? 0.85f : 1f) * vertical(p, y, 0.15f) + 0.03f * at(FINE, x, y));
  }

  private void busOrTrain(Paint p, int x, int y) {
    float s = (x - p.x0) * p.invWidth;
    float t = (y - p.y0) * p.invHeight;
    float top = p.material == Paint.BUS ? 0.12f : 0.2f;
    float bottom = p.material == Paint.BUS ? 0.5f : 0.55f;
    float pillarPixels = Math.max(4f, 1.4f * (float) camera.focalX() / (float) p.surface.depth());
    if (t > top && t < bottom && fraction((x - p.x0) / pillarPixels) > 0.12f) {
      set(p, 1, 1 + 0.25f * (bottom - t));
    } else if (t > 0.9f) {
      set(p, 2, 1);
    } else if (p.material == Paint.BUS && t < 0.1f && s > 0.3f && s < 0.7f) {
      r = 235;
      g = 165;
      b = 30;
    } else {
      set(p, 0, vertical(p, y, 0.12f) + 0.03f * at(FINE, x, y));
    }
  }

  private void bike(Paint p, int x, int y) {
    float t = (y - p.y0) * p.invHeight;
    if (t > 0.45f) {
      set(p, 1, 1 + 0.15f * at(FINE, x + p.noiseX, y + p.noiseY));
    } else {
      set(p, 0, 0.9f + 0.1f * at(FINE, x, y));
    }
  }

  private void person(Paint p, int x, int y) {
    float t = (y - p.y0) * p.invHeight;
    int slot;
    if (t < 0.045f) {
      slot = 3;
    } else if (t < 0.13f) {
      slot = 2;
    } else if (t < 0.5f) {
      slot = 0;
    } else if (t < 0.96f) {
      slot = 1;
    } else {
      r = 28;
      g = 26;
      b = 26;
      return;
    }
    set(p, slot, (1.05f - 0.15f * t) + 0.06f * at(FINE, x + p.noiseX, y + p.noiseY));
  }

  private void plate(Paint p, int x, int y) {
    float s = (x - p.x0) * p.invWidth;
    float t = (y - p.y0) * p.invHeight;
    if (s < 0.1f) {
      set(p, 2, 1);
    } else if (Math.abs(t - 0.5f) < 0.28f && s > 0.16f && s < 0.94f && fraction(s * 8) < 0.55f) {
      set(p, 1, 1);
    } else {
      set(p, 0, 1);
    }
  }

  private void ego(Paint p, int x, int y) {
    float t = (y - p.y0) * p.invHeight;
    float reflection = (1 - t) * (1 - t);
    set(p, 0, 0.8f + 0.05f * at(COARSE, x, y));
    r += (fogR - r) * 0.35f * reflection;
    g += (fogG - g) * 0.35f * reflection;
    b += (fogB - b) * 0.35f * reflection;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void set(Paint p, int slot, float factor) {
    r = p.colors[3 * slot] * factor;
    g = p.colors[3 * slot + 1] * factor;
    b = p.colors[3 * slot + 2] * factor;
  }

  private void add(Paint p, int slot, float factor) {
    r += p.colors[3 * slot] * factor;
    g += p.colors[3 * slot + 1] * factor;
    b += p.colors[3 * slot + 2] * factor;
  }

  /** Brighter at the top of the object, where the sky lights it. */
  private static float vertical(Paint p, int y, float strength) {
    float t = Math.min(1f, (y - p.y0) * p.invHeight);
    return 1 + strength * (0.5f - t);
  }

  /** 0 at the object's left and right edges, 1 in the middle: a cylinder's shading. */
  private static float shapeAcross(Paint p, int x) {
    float s = (x - p.x0) * p.invWidth;
    return Math.max(0f, 4 * s * (1 - s));
  }

  private static float fraction(float v) {
    return v - (float) Math.floor(v);
  }

  /** A value in [-0.5, 0.5] for a pair of integers. */
  private static float hash(int a, int b) {
    int h = a * 0x27d4eb2d ^ b * 0x165667b1;
    h ^= h >>> 15;
    h *= 0x2c1b3c6d;
    h ^= h >>> 12;
    return ((h >>> 24) / 255f) - 0.5f;
  }

  private int nextNoise() {
    int x = noiseState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noiseState = x;
    return x;
  }

  private static byte clamp(float v) {
    int i = (int) (v + 0.5f);
    return (byte) (i < 0 ? 0 : Math.min(i, 255));
  }
}

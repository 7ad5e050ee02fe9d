package dev.lednet.stages.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How one object is painted: its material, up to four colours (e.g. a car's paint, glass and
 * tyres), its bounding box for texturing in object coordinates, material parameters, haze and
 * where it samples the noise tiles. Index 0 of a scene's paints is the uncovered background.
 */
final class Paint {

  static final int UNLABELED = 0;
  static final int SKY = 1;
  static final int BUILDING = 2;
  static final int ROAD = 3;
  static final int SIDEWALK = 4;
  static final int FLAT = 5;
  static final int VEGETATION = 6;
  static final int TERRAIN = 7;
  static final int WALL = 8;
  static final int FENCE = 9;
  static final int POLE = 10;
  static final int SIGN = 11;
  static final int LIGHT = 12;
  static final int CAR = 13;
  static final int TRUCK = 14;
  static final int BUS = 15;
  static final int TRAIN = 16;
  static final int BIKE = 17;
  static final int PERSON = 18;
  static final int PLATE = 19;
  static final int EGO = 20;
  static final int PROP = 21;

  int material;
  /** Four colours, {@code r, g, b} each, 0..255. */
  final float[] colors = new float[12];
  float x0;
  float y0;
  float invWidth;
  float invHeight;
  final float[] params = new float[4];
  /** Share of haze in the final colour, for objects at one depth. */
  float fog;
  /** Brightness from the sun: facades on the sunny side are brighter. */
  float light = 1;
  int noiseX;
  int noiseY;
  Surface surface;

  static Paint[] forScene(StreetScene scene, Lighting lighting, SplittableRandom random) {
    List<SceneObject> objects = scene.objects();
    Paint[] paints = new Paint[objects.size() + 1];
    paints[0] = new Paint();
    paints[0].material = UNLABELED;
    paints[0].color(0, 20, 20, 22);
    paints[0].surface = Surface.at(10);
    for (int i = 0; i < objects.size(); i++) {
      paints[i + 1] = of(objects.get(i), scene, lighting, random);
    }
    return paints;
  }

  private static Paint of(SceneObject object, StreetScene scene, Lighting lighting, SplittableRandom random) {
    Paint paint = new Paint();
    paint.surface = object.surface();
    paint.bound(object.polygon());
    paint.noiseX = random.nextInt(256);
    paint.noiseY = random.nextInt(256);
    paint.fog = (float) (1 - Math.exp(-object.surface().depth() / lighting.visibility()));
    Surface surface = object.surface();
    if (surface.isSideFacade()) {
      paint.light = surface.facadeX() < 0 ? lighting.sunnyLeft() : lighting.sunnyRight();
    }
    switch (object.label()) {
      case "sky":
        paint.material = SKY;
        paint.fog = 0;
        if (lighting.overcast()) {
          paint.color(0, 170 + jitter(random, 15), 176 + jitter(random, 15), 188 + jitter(random, 15));
          paint.color(1, 205, 208, 212);
        } else {
          paint.color(0, 80 + jitter(random, 25), 130 + jitter(random, 25), 200 + jitter(random, 25));
          paint.color(1, 190, 208, 228);
        }
        paint.params[0] = (float) random.nextDouble(0, 0.8); // clouds
        break;
      case "building":
      case "bridge":
      case "tunnel":
        paint.material = BUILDING;
        paint.pick(0, random, FACADES, 14);
        paint.color(1, 45 + jitter(random, 12), 55 + jitter(random, 12), 65 + jitter(random, 15));
        paint.color(2, 215, 212, 205);
        paint.params[0] = (float) random.nextDouble(3.0, 3.8); // floor height
        paint.params[1] = (float) random.nextDouble(2.0, 3.5); // window spacing
        paint.params[2] = (float) random.nextDouble(0.3, 0.6); // window width share
        paint.params[3] = (float) random.nextDouble(0.35, 0.6); // window height share
        break;
      case "road":
        paint.material = ROAD;
        float grey = 86 + jitter(random, 14);
        paint.color(0, grey, grey - 2, grey + 3);
        paint.color(1, 205, 205, 200);
        paint.roadLanes(object.polygon(), scene.camera(), random);
        break;
      case "sidewalk":
        paint.material = SIDEWALK;
        paint.pick(0, random, PAVING, 10);
        paint.params[0] = (float) random.nextDouble(0.25, 0.6); // tile size
        break;
      case "parking":
      case "rail track":
      case "ground":
        paint.material = FLAT;
        paint.pick(0, random, GROUNDS, 12);
        break;
      case "vegetation":
        paint.material = VEGETATION;
        float green = 85 + jitter(random, 20);
        paint.color(0, green * 0.6f + jitter(random, 8), green, green * 0.4f + jitter(random, 6));
        paint.color(1, 20, 35, 15);
        if (paint.invHeight / paint.invWidth < 0.35f) {
          // Tall and thin: a trunk, which Cityscapes also labels vegetation.
          paint.color(0, 85 + jitter(random, 12), 70 + jitter(random, 10), 55 + jitter(random, 8));
          paint.params[0] = 1;
        }
        break;
      case "terrain":
        paint.material = TERRAIN;
        paint.pick(0, random, TERRAINS, 12);
        break;
      case "wall":
      case "guard rail":
        paint.material = WALL;
        paint.pick(0, random, WALLS, 12);
        break;
      case "fence":
        paint.material = FENCE;
        paint.pick(0, random, FENCES, 10);
        paint.color(1, 55, 58, 55);
        paint.params[0] = (float) random.nextDouble(0.12, 0.3); // slat spacing
        break;
      case "pole":
      case "polegroup":
        paint.material = POLE;
        paint.pick(0, random, POLES, 10);
        break;
      case "traffic sign":
        paint.material = SIGN;
        paint.pick(0, random, SIGNS, 8);
        boolean redBorder = paint.colors[0] > 200 && paint.colors[2] > 180;
        paint.color(1, redBorder ? 190 : 230, redBorder ? 35 : 230, redBorder ? 35 : 225);
        paint.color(2, 30, 30, 32);
        break;
      case "traffic light":
        paint.material = LIGHT;
        paint.color(0, 32 + jitter(random, 6), 35 + jitter(random, 6), 32 + jitter(random, 6));
        int lit = random.nextInt(3);
        paint.params[0] = lit;
        paint.color(1, LAMPS[3 * lit], LAMPS[3 * lit + 1], LAMPS[3 * lit + 2]);
        paint.color(2, 60, 58, 52);
        break;
      case "car":
      case "cargroup":
      case "caravan":
      case "trailer":
        paint.material = CAR;
        paint.vehiclePaint(random);
        break;
      case "truck":
        paint.material = TRUCK;
        paint.vehiclePaint(random);
        paint.params[0] = (float) random.nextDouble(0.15, 0.4); // rib spacing
        break;
      case "bus":
        paint.material = BUS;
        paint.pick(0, random, FLEET, 15);
        paint.color(1, 30, 38, 45);
        paint.color(2, 25, 25, 25);
        break;
      case "train":
        paint.material = TRAIN;
        paint.pick(0, random, FLEET, 15);
        paint.color(1, 35, 40, 48);
        paint.color(2, 60, 60, 60);
        break;
      case "motorcycle":
      case "bicycle":
        paint.material = BIKE;
        paint.saturated(0, random);
        paint.color(1, 28, 28, 30);
        break;
      case "person":
      case "persongroup":
      case "rider":
        paint.material = PERSON;
        paint.saturated(0, random);
        paint.pick(1, random, TROUSERS, 12);
        float skin = (float) random.nextDouble(0, 1);
        paint.color(2, 120 + 110 * skin, 80 + 110 * skin, 60 + 100 * skin);
        paint.pick(3, random, HAIR, 10);
        if (object.label().equals("rider")) {
          paint.saturated(3, random); // a helmet
        }
        break;
      case "license plate":
        paint.material = PLATE;
        paint.color(0, 225, 225, 215);
        paint.color(1, 30, 30, 30);
        paint.color(2, 30, 60, 160);
        break;
      case "ego vehicle":
        paint.material = EGO;
        paint.fog = 0;
        paint.color(0, 38 + jitter(random, 8), 40 + jitter(random, 8), 46 + jitter(random, 8));
        break;
      default:
        paint.material = PROP;
        paint.pick(0, random, PROPS, 15);
        break;
    }
    return paint;
  }

  private void bound(List<Point> polygon) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = Integer.MIN_VALUE;
    int maxY = Integer.MIN_VALUE;
    for (Point p : polygon) {
      minX = Math.min(minX, p.x());
      maxX = Math.max(maxX, p.x());
      minY = Math.min(minY, p.y());
      maxY = Math.max(maxY, p.y());
    }
    x0 = minX;
    y0 = minY;
    invWidth = 1f / Math.max(1, maxX - minX);
    invHeight = 1f / Math.max(1, maxY - minY);
  }

  /**
   * The road's edges in metres, from its vertices below the horizon (all lie on the two edges
   * through the vanishing point, or on the image border between them), and the lane layout.
   */
  private void roadLanes(List<Point> polygon, Camera camera, SplittableRandom random) {
    double left = Double.MAX_VALUE;
    double right = -Double.MAX_VALUE;
    for (Point p : polygon) {
      if (p.y() > camera.horizonY() + 4) {
        double lateral = (p.x() - camera.vanishingX()) * camera.groundDepth(p.y()) / camera.focalX();
        left = Math.min(left, lateral);
        right = Math.max(right, lateral);
      }
    }
    if (left >= right) {
      left = -4;
      right = 4;
    }
    int lanes = Math.max(2, (int) Math.round((right - left) / 3.2));
    params[0] = (float) left;
    params[1] = (float) ((right - left) / lanes);
    params[2] = lanes;
    params[3] = (float) random.nextDouble(0, 12); // dash phase
  }

  private void vehiclePaint(SplittableRandom random) {
    double kind = random.nextDouble();
    if (kind < 0.25) {
      float v = 25 + jitter(random, 20) + 10;
      color(0, v, v, v + 3);
    } else if (kind < 0.5) {
      float v = 165 + jitter(random, 25);
      color(0, v, v + 2, v + 6);
    } else if (kind < 0.7) {
      float v = 222 + jitter(random, 12);
      color(0, v, v, v - 4);
    } else {
      saturated(0, random);
    }
    color(1, 35 + jitter(random, 8), 40 + jitter(random, 8), 50 + jitter(random, 8));
    color(2, 24, 24, 26);
  }

  /** A colour of any hue, fairly saturated (clothes, car paint, bike frames). */
  private void saturated(int slot, SplittableRandom random) {
    double hue = random.nextDouble(0, 6);
    double s = random.nextDouble(0.35, 0.9);
    double v = random.nextDouble(60, 230);
    int sector = (int) hue;
    double f = hue - sector;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    double[][] rgb = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
    color(slot, (float) rgb[sector][0], (float) rgb[sector][1], (float) rgb[sector][2]);
  }

  private void pick(int slot, SplittableRandom random, int[][] palette, int spread) {
    int[] c = palette[random.nextInt(palette.length)];
    float shift = jitter(random, spread);
    color(slot, c[0] + shift + jitter(random, 4), c[1] + shift + jitter(random, 4), c[2] + shift + jitter(random, 4));
  }

  private void color(int slot, float r, float g, float b) {
    colors[3 * slot] = r;
    colors[3 * slot + 1] = g;
    colors[3 * slot + 2] = b;
  }

  private static float jitter(SplittableRandom random, int spread) {
    return (float) random.nextDouble(-spread, spread);
  }

  private static final int[][] FACADES = {
    {185, 170, 150}, {150, 145, 140}, {160, 95, 75}, {205, 200, 190}, {190, 160, 110},
    {120, 115, 110}, {170, 180, 185}, {200, 185, 160}, {140, 110, 90}
  };
  private static final int[][] PAVING = {{150, 145, 140}, {165, 150, 140}, {130, 130, 135}, {175, 165, 150}};
  private static final int[][] GROUNDS = {{120, 115, 115}, {110, 100, 95}, {125, 110, 90}};
  private static final int[][] TERRAINS = {{120, 135, 70}, {135, 125, 80}, {105, 125, 60}, {140, 140, 95}};
  private static final int[][] WALLS = {{165, 160, 150}, {140, 135, 125}, {185, 175, 160}, {150, 155, 160}};
  private static final int[][] FENCES = {{120, 100, 80}, {140, 145, 150}, {90, 95, 90}, {160, 150, 130}};
  private static final int[][] POLES = {{120, 122, 125}, {95, 98, 100}, {60, 75, 65}, {150, 150, 150}};
  private static final int[][] SIGNS = {
    {190, 30, 35}, {25, 75, 165}, {230, 190, 40}, {225, 225, 220}, {30, 120, 60}
  };
  private static final int[][] FLEET = {
    {225, 225, 220}, {230, 190, 40}, {190, 40, 40}, {40, 90, 170}, {200, 200, 205}
  };
  private static final int[][] TROUSERS = {{35, 40, 60}, {30, 30, 32}, {90, 90, 95}, {175, 160, 130}, {60, 80, 120}};
  private static final int[][] HAIR = {{30, 22, 18}, {70, 50, 30}, {190, 160, 100}, {120, 120, 120}};
  private static final int[][] PROPS = {{100, 100, 100}, {60, 90, 70}, {110, 85, 60}, {150, 150, 140}};
  private static final float[] LAMPS = {255, 60, 40, 255, 175, 30, 70, 255, 160};
}

package dev.lednet.stages.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes street scenes for synthetic Cityscapes frames: a straight street seen by a camera at
 * driver height, laid out in metres and projected, with buildings, trees, street furniture,
 * vehicles and people as labelled polygons in drawing order. A scene depends only on the seed and
 * the frame index, so frames can be made in any order, on any worker.
 *
 * <p>Every train class appears within any 8 consecutive frames: each frame features one of the
 * rarer classes (train, bus, truck, motorcycle, bicycle, wall, fence, terrain) by its index, and
 * may show the others by chance.
 */
public final class StreetSceneGenerator {

  /** Focal length of the Cityscapes cameras in pixels at 2048x1024. */
  private static final double FOCAL_2048 = 2262.0;

  private static final String[] FEATURED = {
    "train", "bus", "truck", "motorcycle", "bicycle", "wall", "fence", "terrain"
  };

  private final int width;
  private final int height;

  private StreetSceneGenerator(int width, int height) {
    if (width < 64 || height < 32) {
      throw new IllegalArgumentException("frame size must be at least 64x32, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  public static StreetSceneGenerator of(int width, int height) {
    return new StreetSceneGenerator(width, height);
  }

  /** The scene of one frame: the same for the same seed and index, whatever else runs. */
  public StreetScene generate(long seed, long index) {
    SplittableRandom random = new SplittableRandom(frameSeed(seed, index));
    String featured = FEATURED[(int) Math.floorMod(index, (long) FEATURED.length)];
    return new Street(random, width, height, featured).build();
  }

  /** A well-mixed seed for one frame (SplitMix64's finaliser over seed and index). */
  static long frameSeed(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Objects at one depth that are drawn together, e.g. a pole and its sign. */
  private record Group(double depth, List<SceneObject> objects) {}

  /** One frame's street: the layout in metres and the objects made so far. */
  private static final class Street {
    private final SplittableRandom random;
    private final int width;
    private final int height;
    private final String featured;
    private final Camera camera;
    private final List<SceneObject> objects = new ArrayList<>();
    private final List<Group> standing = new ArrayList<>();

    private final double roadLeft;
    private final double roadRight;
    private final double sidewalkLeft;
    private final double sidewalkRight;
    private final double facadeLeft;
    private final double facadeRight;
    private final double streetEnd;

    Street(SplittableRandom random, int width, int height, String featured) {
      this.random = random;
      this.width = width;
      this.height = height;
      this.featured = featured;
      this.camera =
          new Camera(
              height * random.nextDouble(0.40, 0.47),
              width * random.nextDouble(0.44, 0.56),
              FOCAL_2048 * width / 2048.0,
              FOCAL_2048 * height / 1024.0,
              random.nextDouble(1.1, 1.4));
      roadLeft = -random.nextDouble(4.0, 8.5);
      roadRight = random.nextDouble(4.0, 8.5);
      sidewalkLeft = roadLeft - random.nextDouble(2.0, 5.0);
      sidewalkRight = roadRight + random.nextDouble(2.0, 5.0);
      boolean gardens = featured.equals("terrain") || random.nextDouble() < 0.4;
      facadeLeft = sidewalkLeft - (gardens ? random.nextDouble(1.5, 4.0) : 0);
      facadeRight = sidewalkRight + (gardens && random.nextBoolean() ? random.nextDouble(1.5, 4.0) : 0);
      streetEnd = random.nextDouble() < 0.6 ? random.nextDouble(90, 220) : 400;
    }

    boolean has(String label, double chance) {
      return featured.equals(label) || random.nextDouble() < chance;
    }

    StreetScene build() {
      sky();
      skyline();
      ground();
      streetEndFacades();
      sideBuildings(facadeLeft, -1);
      sideBuildings(facadeRight, 1);
      wallsAndFences();
      trees();
      poles();
      streetFurniture();
      vehicles();
      people();
      crowds();
      standing.sort(Comparator.comparingDouble(Group::depth).reversed());
      for (Group group : standing) {
        objects.addAll(group.objects());
      }
      egoVehicle();
      return new StreetScene(width, height, camera, random.nextLong(), objects);
    }

    // ---- background -------------------------------------------------------------------------

    private void sky() {
      double bottom = camera.horizonY() + 0.02 * height;
      add(objects, "sky", new Outline().image(0, 0).image(width - 1, 0).image(width - 1, bottom).image(0, bottom), Surface.at(1e4));
    }

    private void skyline() {
      if (random.nextDouble() < 0.7) {
        int blocks = random.nextInt(3, 9);
        for (int i = 0; i < blocks; i++) {
          double z = random.nextDouble(250, 500);
          double x = random.nextDouble(-160, 160);
          double w = random.nextDouble(20, 60);
          double h = random.nextDouble(15, 60);
          add(objects, "building", facing(x - w / 2, z, Silhouettes.box(0, w, 0, h)), Surface.frontFacade(z));
        }
      }
      int crowns = random.nextInt(1, 6);
      for (int i = 0; i < crowns; i++) {
        double z = random.nextDouble(150, 300);
        double x = random.nextDouble(-120, 120);
        double r = random.nextDouble(5, 12);
        add(objects, "vegetation", facing(x, z, Silhouettes.blob(random, r, r * 0.6, 14)), Surface.at(z));
      }
    }

    private void ground() {
      String outer = pick("terrain", "sidewalk", "ground", "terrain");
      groundStrip(outer, facadeLeft - 60, facadeLeft, 1, streetEnd);
      groundStrip(pick("terrain", "sidewalk", "ground", "vegetation"), facadeRight, facadeRight + 60, 1, streetEnd);
      groundStrip("terrain", facadeLeft, sidewalkLeft, 0.5, streetEnd);
      groundStrip("terrain", sidewalkRight, facadeRight, 0.5, streetEnd);
      groundStrip("sidewalk", sidewalkLeft, roadLeft, 0.5, streetEnd);
      groundStrip("sidewalk", roadRight, sidewalkRight, 0.5, streetEnd);
      groundStrip("road", roadLeft, roadRight, 0.5, streetEnd);
      if (random.nextDouble() < 0.3) {
        boolean left = random.nextBoolean();
        double edge = left ? roadLeft : roadRight - 2.2;
        double z0 = random.nextDouble(4, 20);
        groundStrip("parking", edge, edge + 2.2, z0, z0 + random.nextDouble(10, 40));
      }
      if (random.nextDouble() < 0.2) {
        double z0 = random.nextDouble(8, 30);
        double x = random.nextDouble(roadLeft + 1, roadRight - 2);
        groundStrip("ground", x, x + random.nextDouble(1, 2.5), z0, z0 + random.nextDouble(4, 12));
      }
    }

    private void groundStrip(String label, double x0, double x1, double z0, double z1) {
      if (x1 - x0 < 0.05) {
        return;
      }
      Outline strip = new Outline().world(camera, x0, 0, z0).world(camera, x0, 0, z1).world(camera, x1, 0, z1).world(camera, x1, 0, z0);
      add(objects, label, strip, Surface.at((z0 + z1) / 2));
    }

    private void streetEndFacades() {
      if (streetEnd >= 400) {
        return;
      }
      double x = -100;
      while (x < 100) {
        double w = random.nextDouble(10, 35);
        double h = random.nextDouble(8, 30);
        add(objects, "building", facing(x, streetEnd, Silhouettes.box(0, w, 0, h)), Surface.frontFacade(streetEnd));
        x += w;
      }
    }

    private void sideBuildings(double facade, int side) {
      double z = 1.0;
      boolean afterGap = true;
      while (z < streetEnd) {
        double length = random.nextDouble(10, 35);
        if (random.nextDouble() < 0.15 && z > 10) {
          z += random.nextDouble(6, 18);
          afterGap = true;
          continue;
        }
        double z1 = Math.min(z + length, streetEnd);
        double h = random.nextDouble(7, 26);
        Outline facadeOutline = new Outline();
        if (afterGap) {
          // The gable end facing the camera is visible after a gap.
          facadeOutline.world(camera, facade + side * 15, 0, z).world(camera, facade + side * 15, h, z);
        } else {
          facadeOutline.world(camera, facade, 0, z);
        }
        facadeOutline.world(camera, facade, h, z);
        if (random.nextDouble() < 0.3) {
          double step = z + (z1 - z) * random.nextDouble(0.3, 0.7);
          double h2 = h * random.nextDouble(0.6, 1.3);
          facadeOutline.world(camera, facade, h, step).world(camera, facade, h2, step);
          h = h2;
        }
        facadeOutline.world(camera, facade, h, z1).world(camera, facade, 0, z1);
        if (afterGap) {
          facadeOutline.world(camera, facade, 0, z);
        }
        add(objects, "building", facadeOutline, Surface.sideFacade(facade, (z + z1) / 2));
        z = z1;
        afterGap = false;
      }
    }

    private void wallsAndFences() {
      if (has("wall", 0.3)) {
        boolean left = random.nextBoolean();
        double x = left ? facadeLeft + 0.3 : facadeRight - 0.3;
        double z0 = random.nextDouble(2, 15);
        sideQuad("wall", x, 0, random.nextDouble(0.8, 2.5), z0, z0 + random.nextDouble(8, 40));
      }
      if (has("fence", 0.35)) {
        boolean left = random.nextBoolean();
        double x = left ? sidewalkLeft + 0.1 : sidewalkRight - 0.1;
        double z0 = random.nextDouble(2, 20);
        sideQuad("fence", x, 0, random.nextDouble(0.9, 2.0), z0, z0 + random.nextDouble(8, 40));
      }
      if (random.nextDouble() < 0.3) {
        boolean left = random.nextBoolean();
        double x = left ? sidewalkLeft : sidewalkRight;
        double z0 = random.nextDouble(3, 25);
        sideQuad("vegetation", x, 0, random.nextDouble(0.6, 1.5), z0, z0 + random.nextDouble(5, 25));
      }
      if (random.nextDouble() < 0.1) {
        double x = random.nextBoolean() ? roadLeft - 0.2 : roadRight + 0.2;
        double z0 = random.nextDouble(5, 25);
        sideQuad("guard rail", x, 0.3, 0.8, z0, z0 + random.nextDouble(5, 20));
      }
    }

    private void sideQuad(String label, double x, double y0, double y1, double z0, double z1) {
      Outline quad = new Outline().world(camera, x, y0, z0).world(camera, x, y1, z0).world(camera, x, y1, z1).world(camera, x, y0, z1);
      add(objects, label, quad, Surface.sideFacade(x, (z0 + z1) / 2));
    }

    // ---- standing objects -------------------------------------------------------------------

    private void trees() {
      for (int side = -1; side <= 1; side += 2) {
        if (random.nextDouble() < 0.35) {
          continue;
        }
        double x = side < 0 ? roadLeft - random.nextDouble(0.6, 1.2) : roadRight + random.nextDouble(0.6, 1.2);
        double z = random.nextDouble(4, 15);
        while (z < Math.min(streetEnd, 120)) {
          double trunk = random.nextDouble(1.8, 3.2);
          double radius = random.nextDouble(1.5, 3.2);
          List<SceneObject> tree = new ArrayList<>();
          double halfTrunk = random.nextDouble(0.12, 0.2);
          add(tree, "vegetation", facing(x, z, Silhouettes.box(-halfTrunk, halfTrunk, 0, trunk + radius * 0.5)), Surface.at(z));
          add(tree, "vegetation", facing(x, z, Silhouettes.blob(random, radius, trunk + radius * 0.8, 18)), Surface.at(z));
          standing.add(new Group(z, tree));
          z += random.nextDouble(7, 20);
        }
      }
    }

    private void poles() {
      int count = random.nextInt(2, 7);
      boolean lightPlaced = false;
      boolean signPlaced = false;
      for (int i = 0; i < count; i++) {
        boolean left = random.nextBoolean();
        double x = left ? roadLeft - 0.5 : roadRight + 0.5;
        double z = random.nextDouble(5, 80);
        double h = random.nextDouble(3.5, 9);
        double half = random.nextDouble(0.06, 0.14);
        List<SceneObject> pole = new ArrayList<>();
        add(pole, "pole", facing(x, z, Silhouettes.box(-half, half, 0, h)), Surface.at(z));
        boolean wantLight = !lightPlaced || random.nextDouble() < 0.4;
        boolean wantSign = !signPlaced || random.nextDouble() < 0.5;
        if (wantLight && h > 4.5 && random.nextBoolean()) {
          // A mast arm over the road with a light hanging from its end.
          double reach = left ? random.nextDouble(2, 4.5) : -random.nextDouble(2, 4.5);
          double armY = h - 0.3;
          add(pole, "pole", facing(x, z, Silhouettes.box(Math.min(0, reach), Math.max(0, reach), armY - 0.12, armY)), Surface.at(z));
          add(pole, "traffic light", facing(x + reach, z - 0.05, Silhouettes.box(-0.18, 0.18, armY - 1.1, armY - 0.1)), Surface.at(z));
          lightPlaced = true;
        } else if (wantLight) {
          double top = Math.min(h, random.nextDouble(3.0, 4.2));
          double offset = left ? half + 0.2 : -half - 0.2;
          add(pole, "traffic light", facing(x + offset, z - 0.05, Silhouettes.box(-0.18, 0.18, top - 1.0, top)), Surface.at(z));
          lightPlaced = true;
        }
        if (wantSign) {
          double v = random.nextDouble(2.2, Math.max(2.3, Math.min(h - 0.4, 3.0)));
          add(pole, "traffic sign", facing(x, z - 0.05, Silhouettes.signPlate(random, v)), Surface.at(z));
          signPlaced = true;
        }
        standing.add(new Group(z, pole));
      }
    }

    private void streetFurniture() {
      int props = random.nextInt(0, 4);
      for (int i = 0; i < props; i++) {
        double x = sidewalkX();
        double z = random.nextDouble(4, 40);
        double w = random.nextDouble(0.15, 0.8);
        String label = random.nextDouble() < 0.25 ? "dynamic" : "static";
        add(group(z), label, facing(x, z, Silhouettes.box(-w / 2, w / 2, 0, random.nextDouble(0.6, 1.3))), Surface.at(z));
      }
    }

    private void vehicles() {
      // Moving traffic keeps clear of the cars parked along both kerbs.
      double laneLeft = roadLeft + 2.3;
      double laneRight = roadRight - 2.3;
      int lanes = Math.max(1, (int) Math.round((laneRight - laneLeft) / 3.2));
      double laneWidth = (laneRight - laneLeft) / lanes;
      List<String> lanesTraffic = new ArrayList<>();
      if (featured.equals("train") || random.nextDouble() < 0.08) {
        double z = random.nextDouble(20, 60);
        double x = (roadLeft + roadRight) / 2 + random.nextDouble(-1, 1);
        if (random.nextBoolean()) {
          groundStrip("rail track", x - 0.8, x + 0.8, z - 10, Math.min(streetEnd, z + 80));
        }
        boxVehicle("train", x, z, 2.5, random.nextDouble(3.3, 3.8), random.nextDouble(20, 35), 0);
      }
      if (has("bus", 0.25)) {
        lanesTraffic.add("bus");
      }
      if (has("truck", 0.25)) {
        lanesTraffic.add("truck");
      }
      if (random.nextDouble() < 0.05) {
        lanesTraffic.add("caravan");
      }
      int cars = random.nextInt(1, 5);
      for (int i = 0; i < cars; i++) {
        lanesTraffic.add("car");
      }
      double[] nextFree = new double[lanes];
      for (int lane = 0; lane < lanes; lane++) {
        nextFree[lane] = random.nextDouble(5, 15);
      }
      for (String kind : lanesTraffic) {
        int lane = random.nextInt(lanes);
        double x = laneLeft + laneWidth * (lane + 0.5) + random.nextDouble(-0.3, 0.3);
        double z = nextFree[lane] + random.nextDouble(0, 25);
        double length = laneVehicle(kind, x, z);
        nextFree[lane] = z + length + random.nextDouble(3, 10);
      }
      parkedCars(roadLeft + 1.1);
      parkedCars(roadRight - 1.1);
      while (cars() < 3) {
        car(random.nextBoolean() ? roadLeft + 1.1 : roadRight - 1.1, random.nextDouble(5, 40));
      }
    }

    private long cars() {
      return standing.stream().flatMap(g -> g.objects().stream()).filter(o -> o.label().equals("car")).count();
    }

    private double laneVehicle(String kind, double x, double z) {
      switch (kind) {
        case "bus":
          double busLength = random.nextDouble(11, 14);
          boxVehicle("bus", x, z, 2.55, random.nextDouble(3.0, 3.4), busLength, 0);
          return busLength;
        case "truck":
          double truckLength = random.nextDouble(6, 10);
          boxVehicle("truck", x, z, 2.5, random.nextDouble(3.0, 3.8), truckLength, random.nextDouble(2.6, 2.9));
          return truckLength;
        case "caravan":
          boxVehicle("caravan", x, z, 2.3, 2.6, 6, 0);
          return 6;
        default:
          return car(x, z);
      }
    }

    private void parkedCars(double x) {
      if (random.nextDouble() < 0.3) {
        return;
      }
      double z = random.nextDouble(3, 10);
      int count = random.nextInt(1, 6);
      for (int i = 0; i < count && z < streetEnd; i++) {
        z += car(x, z) + random.nextDouble(0.8, 6);
      }
    }

    /** A car whose rear is at depth z, with a licence plate now and then; returns its length. */
    private double car(double x, double z) {
      double w = random.nextDouble(1.7, 2.0);
      double h = random.nextDouble(1.35, 1.6);
      double length = random.nextDouble(3.8, 4.9);
      List<SceneObject> car = group(z);
      add(car, "car", carOutline(x, z, w, h, length), Surface.at(z));
      if (random.nextDouble() < 0.35 && camera.focalX() * 0.52 / z > 14) {
        add(car, "license plate", facing(x, z - 0.02, Silhouettes.box(-0.26, 0.26, 0.35, 0.47)), Surface.at(z));
      }
      return length;
    }

    private Outline carOutline(double x, double z, double w, double h, double length) {
      double body = h * 0.6;
      Outline outline = new Outline();
      if (Math.abs(x) < w / 2 + 0.3) {
        double[] rear = {
          -w / 2, 0.1, -w / 2, body, -w / 2 + 0.18, body + 0.1, -w / 2 + 0.3, h, w / 2 - 0.3, h,
          w / 2 - 0.18, body + 0.1, w / 2, body, w / 2, 0.1, w / 2 - 0.1, 0, w / 2 - 0.4, 0,
          w / 2 - 0.45, 0.15, -w / 2 + 0.45, 0.15, -w / 2 + 0.4, 0, -w / 2 + 0.1, 0
        };
        return outline.facing(camera, x, z, rear, false);
      }
      // Seen from behind and a side: the side nearer the middle of the road shows.
      double toward = x < 0 ? 1 : -1;
      double outer = x - toward * w / 2;
      double inner = x + toward * w / 2;
      return outline
          .world(camera, outer, 0.1, z)
          .world(camera, outer, body, z)
          .world(camera, outer + toward * 0.18, body + 0.1, z)
          .world(camera, outer + toward * 0.3, h, z + 0.3)
          .world(camera, inner - toward * 0.3, h, z + 0.3)
          .world(camera, inner - toward * 0.3, h, z + 0.3 + length * 0.45)
          .world(camera, inner - toward * 0.05, body + 0.1, z + length * 0.72)
          .world(camera, inner, body, z + length)
          .world(camera, inner, 0.15, z + length)
          .world(camera, inner, 0, z + length * 0.85)
          .world(camera, inner, 0, z + 0.3)
          .world(camera, inner, 0.1, z)
          .world(camera, outer + toward * 0.1, 0, z);
    }

    /** A box-shaped vehicle; a cab lower than the box when {@code cab > 0}. */
    private void boxVehicle(String label, double x, double z, double w, double h, double length, double cab) {
      double toward = x < 0 ? 1 : -1;
      double outer = x - toward * w / 2;
      double inner = x + toward * w / 2;
      Outline outline = new Outline().world(camera, outer, 0.3, z).world(camera, outer, h, z).world(camera, inner, h, z);
      if (Math.abs(x) > w / 2) {
        if (cab > 0) {
          outline.world(camera, inner, h, z + length - 2.4).world(camera, inner, cab, z + length - 2.2);
          outline.world(camera, inner, cab, z + length);
        } else {
          outline.world(camera, inner, h, z + length);
        }
        outline.world(camera, inner, 0.3, z + length);
      }
      outline.world(camera, inner, 0.3, z);
      add(group(z), label, outline, Surface.at(z));
    }

    private void people() {
      int persons = random.nextInt(2, 9);
      // A person placed beside the camera can fall outside the image: place until enough are in.
      for (int placed = 0, tries = 0; placed < persons && tries < 50; tries++) {
        boolean crossing = random.nextDouble() < 0.15;
        double x = crossing ? random.nextDouble(roadLeft + 0.5, roadRight - 0.5) : sidewalkX();
        double z = random.nextDouble(crossing ? 8 : 4, crossing ? 30 : 45);
        double height = random.nextDouble(1.5, 1.95);
        List<SceneObject> person = group(z);
        add(person, "person", facing(x, z, Silhouettes.person(random, height)), Surface.at(z));
        placed += person.size();
      }
      if (has("bicycle", 0.35)) {
        boolean ridden = featured.equals("bicycle") || random.nextDouble() < 0.7;
        twoWheeler("bicycle", Silhouettes.bicycle(), 1.75, ridden, 0.92);
      }
      if (has("motorcycle", 0.2)) {
        boolean ridden = featured.equals("motorcycle") || random.nextDouble() < 0.7;
        twoWheeler("motorcycle", Silhouettes.motorcycle(), 2.1, ridden, 0.9);
      }
    }

    /** A bicycle or motorcycle from the side, ridden on the road or parked on the sidewalk. */
    private void twoWheeler(String label, double[] shape, double length, boolean ridden, double seat) {
      double z = 0;
      boolean mirror = false;
      double origin = 0;
      List<SceneObject> group = new ArrayList<>();
      // One placed beside the camera can fall outside the image: place until it is in.
      for (int tries = 0; group.isEmpty() && tries < 20; tries++) {
        double x = ridden ? (random.nextBoolean() ? roadLeft + 0.9 : roadRight - 0.9) : sidewalkX();
        z = random.nextDouble(6, 30);
        mirror = random.nextBoolean();
        origin = x + (mirror ? length / 2 : -length / 2);
        add(group, label, new Outline().facing(camera, origin, z, shape, mirror), Surface.at(z));
      }
      standing.add(new Group(z, group));
      if (ridden && !group.isEmpty()) {
        double rider = random.nextDouble(1.5, 1.9);
        double saddle = origin + (mirror ? -0.35 : 0.35);
        double[] person = Silhouettes.person(random, rider);
        for (int i = 1; i < person.length; i += 2) {
          // Legs reach down to the pedals: the seated rider starts at pedal height.
          person[i] = person[i] * (rider - 0.6) / rider + 0.35 + (seat - 0.92);
        }
        add(group, "rider", facing(saddle, z - 0.05, person), Surface.at(z));
      }
    }

    private void crowds() {
      if (random.nextDouble() < 0.2) {
        double z = random.nextDouble(30, 70);
        Outline crowd = new Outline();
        double x = sidewalkX();
        for (int i = 0; i < random.nextInt(3, 6); i++) {
          crowd.facing(camera, x + random.nextDouble(-1.5, 1.5), z + random.nextDouble(0, 3), Silhouettes.person(random, random.nextDouble(1.5, 1.9)), false);
        }
        add(group(z), "persongroup", crowd.hull(), Surface.at(z));
      }
      if (random.nextDouble() < 0.2) {
        double z = random.nextDouble(60, 120);
        Outline cars = new Outline();
        double x = random.nextDouble(roadLeft + 1, roadRight - 1);
        for (int i = 0; i < random.nextInt(2, 4); i++) {
          double cx = x + random.nextDouble(-2, 2);
          double cz = z + random.nextDouble(0, 8);
          cars.facing(camera, cx, cz, Silhouettes.box(-0.9, 0.9, 0, 1.5), false);
        }
        add(group(z), "cargroup", cars.hull(), Surface.at(z));
      }
      if (random.nextDouble() < 0.1) {
        double z = random.nextDouble(20, 60);
        double x = random.nextBoolean() ? roadLeft - 0.4 : roadRight + 0.4;
        Outline poles = new Outline();
        poles.facing(camera, x, z, Silhouettes.box(-0.1, 0.1, 0, 4), false);
        poles.facing(camera, x + 0.5, z + 0.5, Silhouettes.box(-0.1, 0.1, 0, 3.5), false);
        add(group(z), "polegroup", poles.hull(), Surface.at(z));
      }
    }

    // ---- foreground -------------------------------------------------------------------------

    private void egoVehicle() {
      double top = height * random.nextDouble(0.06, 0.1);
      Outline hood = new Outline();
      int steps = 24;
      for (int i = 0; i <= steps; i++) {
        double t = -1 + 2.0 * i / steps;
        double x = width / 2.0 + t * width * 0.55;
        hood.image(x, height - 1 - top * Math.sqrt(Math.max(0, 1 - t * t)));
      }
      add(objects, "ego vehicle", hood, Surface.at(1));
      if (random.nextDouble() < 0.3) {
        double w = width * 0.08;
        double h = height * 0.05;
        add(objects, "out of roi", new Outline().image(0, height - 1 - h).image(w, height - 1).image(0, height - 1), Surface.at(1));
        add(objects, "out of roi", new Outline().image(width - 1, height - 1 - h).image(width - 1, height - 1).image(width - 1 - w, height - 1), Surface.at(1));
      }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private double sidewalkX() {
      return random.nextBoolean()
          ? random.nextDouble(sidewalkLeft + 0.4, roadLeft - 0.3)
          : random.nextDouble(roadRight + 0.3, sidewalkRight - 0.4);
    }

    private String pick(String... labels) {
      return labels[random.nextInt(labels.length)];
    }

    private Outline facing(double x, double z, double[] shape) {
      return new Outline().facing(camera, x, z, shape, false);
    }

    private List<SceneObject> group(double depth) {
      List<SceneObject> group = new ArrayList<>();
      standing.add(new Group(depth, group));
      return group;
    }

    private void add(List<SceneObject> target, String label, Outline outline, Surface surface) {
      List<Point> polygon = outline.clip(width, height);
      if (!polygon.isEmpty()) {
        target.add(new SceneObject(label, polygon, surface));
      }
    }
  }
}

package dev.lednet.stages.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.prepare.CityscapesAnnotation;
import dev.lednet.stages.prepare.LabelImageRenderer;
import dev.lednet.stages.prepare.LabelOutput;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SynthStreetSceneRendererTest {

  private static final int WIDTH = 1024;
  private static final int HEIGHT = 512;

  private final StreetSceneGenerator generator = StreetSceneGenerator.of(WIDTH, HEIGHT);
  private final StreetSceneRenderer renderer = StreetSceneRenderer.create();

  @Test
  void sameSceneRendersToTheSamePixels() {
    StreetScene scene = generator.generate(1, 1);
    assertEquals(renderer.render(scene), StreetSceneRenderer.create().render(scene));
  }

  @Test
  void imageObjectsAgreeWithTheLabelIdsThatJson2LabelImgDrawsFromTheJson() {
    StreetScene scene = generator.generate(2, 0);
    byte[] labelIds = json2labelImg(scene);
    short[] objects = renderer.rasterize(scene);

    int plates = 0;
    for (int i = 0; i < objects.length; i++) {
      int object = objects[i] & 0xffff;
      String label = object == 0 ? "unlabeled" : scene.objects().get(object - 1).label();
      if (label.equals("license plate")) {
        plates++; // the label image keeps the car under the plate
        continue;
      }
      assertEquals(labelId(label), labelIds[i] & 0xff, "pixel " + i);
    }
    assertTrue(plates < objects.length / 100);
  }

  @Test
  void roadAndSkyDifferInColourAndEachIsTextured() {
    for (long index = 0; index < 5; index++) {
      StreetScene scene = generator.generate(3, index);
      Raster image = renderer.render(scene);
      short[] objects = renderer.rasterize(scene);
      double[] road = meanAndSpread(scene, image, objects, "road");
      double[] sky = meanAndSpread(scene, image, objects, "sky");
      double distance = Math.abs(road[0] - sky[0]) + Math.abs(road[1] - sky[1]) + Math.abs(road[2] - sky[2]);
      assertTrue(distance > 60, "frame " + index + ": road and sky colours only " + distance + " apart");
      assertTrue(road[3] > 2, "road is flat: spread " + road[3]);
    }
  }

  @Test
  void carsOfAFrameAreNotAllPaintedAlike() {
    StreetScene scene = generator.generate(6, 0);
    Raster image = renderer.render(scene);
    short[] objects = renderer.rasterize(scene);
    Set<Integer> colours = new HashSet<>();
    for (int i = 0; i < objects.length; i++) {
      int object = objects[i] & 0xffff;
      if (object > 0 && scene.objects().get(object - 1).label().equals("car")) {
        colours.add(object);
      }
    }
    Set<Long> means = new HashSet<>();
    for (int object : colours) {
      long[] sum = new long[4];
      for (int i = 0; i < objects.length; i++) {
        if ((objects[i] & 0xffff) == object) {
          for (int c = 0; c < 3; c++) {
            sum[c] += image.bytes()[3 * i + c] & 0xff;
          }
          sum[3]++;
        }
      }
      means.add((sum[0] / sum[3] / 16) << 16 | (sum[1] / sum[3] / 16) << 8 | (sum[2] / sum[3] / 16));
    }
    assertTrue(means.size() > 1, "cars " + colours.size() + ", distinct colours " + means.size());
  }

  @Test
  void imageIsNotThePaletteColouredLabelImage() {
    StreetScene scene = generator.generate(8, 0);
    byte[] pixels = renderer.render(scene).bytes();
    short[] objects = renderer.rasterize(scene);
    int[] palette = CityscapesLabels.idToColorTable();
    int onPalette = 0;
    for (int i = 0; i < objects.length; i++) {
      int object = objects[i] & 0xffff;
      int id = object == 0 ? 0 : Math.max(0, labelId(scene.objects().get(object - 1).label()));
      int rgb = (pixels[3 * i] & 0xff) << 16 | (pixels[3 * i + 1] & 0xff) << 8 | (pixels[3 * i + 2] & 0xff);
      if (rgb == palette[id]) {
        onPalette++;
      }
    }
    assertFalse(onPalette > objects.length / 100, onPalette + " pixels have their label's palette colour");
  }

  /** The labelIds image that the json2labelImg port draws from the scene's JSON file. */
  private static byte[] json2labelImg(StreetScene scene) {
    CityscapesAnnotation annotation = CityscapesAnnotation.parse(PolygonsJson.write(scene));
    return new LabelImageRenderer().render(annotation).raster(LabelOutput.LABEL_IDS).bytes();
  }

  private static int labelId(String name) {
    String single = CityscapesLabels.assureSingleInstanceName(name).orElseThrow();
    return CityscapesLabels.byName(single).orElseThrow().id();
  }

  /** Mean R, G, B and the mean absolute deviation of R over the pixels of a label. */
  private static double[] meanAndSpread(StreetScene scene, Raster image, short[] objects, String label) {
    byte[] pixels = image.bytes();
    double[] sum = new double[3];
    int n = 0;
    for (int i = 0; i < objects.length; i++) {
      int object = objects[i] & 0xffff;
      if (object > 0 && scene.objects().get(object - 1).label().equals(label)) {
        for (int c = 0; c < 3; c++) {
          sum[c] += pixels[3 * i + c] & 0xff;
        }
        n++;
      }
    }
    double[] mean = {sum[0] / n, sum[1] / n, sum[2] / n, 0};
    double deviation = 0;
    for (int i = 0; i < objects.length; i++) {
      int object = objects[i] & 0xffff;
      if (object > 0 && scene.objects().get(object - 1).label().equals(label)) {
        deviation += Math.abs((pixels[3 * i] & 0xff) - mean[0]);
      }
    }
    mean[3] = deviation / n;
    return mean;
  }
}

package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Time to parse, fill and render a Cityscapes-sized frame (2048x1024, 100 objects). Run on
 * demand: {@code -Dtest=LabelImageRendererBenchmark -Dlednet.benchmark=true}; it prints the times.
 */
@EnabledIfSystemProperty(named = "lednet.benchmark", matches = "true")
class LabelImageRendererBenchmark {

  private static final int WIDTH = 2048;
  private static final int HEIGHT = 1024;

  @Test
  void renderCityscapesSizedFrame() throws Exception {
    byte[] json = syntheticFrame(new SplittableRandom(1));
    LabelImageRenderer renderer = new LabelImageRenderer();
    int rounds = 200;
    long parse = 0;
    long fill = 0;
    long outputs = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuFill = 0;
    for (int round = 0; round < rounds + 50; round++) {
      long t0 = System.nanoTime();
      CityscapesAnnotation annotation = CityscapesAnnotation.parse(json);
      long c1 = threads.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      LabelImages images = renderer.render(annotation);
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      for (LabelOutput output : LabelOutput.values()) {
        assertEquals(WIDTH, images.raster(output).width());
      }
      long t3 = System.nanoTime();
      if (round >= 50) {
        parse += t1 - t0;
        fill += t2 - t1;
        cpuFill += c2 - c1;
        outputs += t3 - t2;
      }
    }
    System.out.printf(
        "2048x1024, 100 objects, %d rounds after 50 warm-up: parse %.2f ms, fill %.2f ms,"
            + " (thread CPU time %.2f ms), all 5 outputs %.2f ms per frame%n",
        rounds,
        parse / 1e6 / rounds,
        fill / 1e6 / rounds,
        cpuFill / 1e6 / rounds,
        outputs / 1e6 / rounds);
  }

  /**
   * Like a Cityscapes frame: sky, road, buildings and vegetation as big wobbly outlines of
   * 100..400 vertices, then objects of 12..200 vertices, float coordinates, some partly outside.
   */
  static byte[] syntheticFrame(SplittableRandom random) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("imgWidth", WIDTH).put("imgHeight", HEIGHT);
    ArrayNode objects = root.putArray("objects");
    String[] big = {"sky", "road", "building", "vegetation", "sidewalk"};
    String[] small = {"car", "person", "pole", "traffic sign", "traffic light", "bicycle", "rider", "terrain", "fence", "cargroup"};
    for (int i = 0; i < 100; i++) {
      boolean large = i < 10;
      String label = large ? big[i % big.length] : small[random.nextInt(small.length)];
      double cx = random.nextDouble() * WIDTH;
      double cy = large ? (i % 2 == 0 ? 250 : 750) : random.nextDouble() * HEIGHT;
      double rx = large ? 900 + random.nextDouble() * 400 : 10 + random.nextDouble() * 150;
      double ry = large ? 250 + random.nextDouble() * 150 : 10 + random.nextDouble() * 150;
      int vertices = large ? 100 + random.nextInt(300) : 12 + random.nextInt(190);
      double phase3 = random.nextDouble() * 2 * Math.PI;
      double phase7 = random.nextDouble() * 2 * Math.PI;
      ArrayNode polygon = objects.addObject().put("label", label).putArray("polygon");
      for (int v = 0; v < vertices; v++) {
        double angle = 2 * Math.PI * v / vertices;
        double r =
            1
                + 0.15 * Math.sin(3 * angle + phase3)
                + 0.05 * Math.sin(7 * angle + phase7)
                + 0.01 * random.nextDouble();
        polygon.addArray()
            .add(Math.round((cx + rx * r * Math.cos(angle)) * 100) / 100.0)
            .add(Math.round((cy + ry * r * Math.sin(angle)) * 100) / 100.0);
      }
    }
    return mapper.writeValueAsBytes(root);
  }
}

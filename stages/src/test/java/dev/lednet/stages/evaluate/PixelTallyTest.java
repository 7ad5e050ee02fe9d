package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PixelTallyTest {

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static short[] shorts(int... values) {
    short[] shorts = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      shorts[i] = (short) values[i];
    }
    return shorts;
  }

  @Test
  void labelIdsCountsHaveGroundTruthInRows() {
    long[] counts = PixelTally.count(bytes(7, 7, 26, 0), bytes(7, 8, 26, 33)).confusion(IdSpace.LABEL_IDS);
    long[] expected = new long[34 * 34];
    expected[7 * 34 + 7] = 1;
    expected[7 * 34 + 8] = 1;
    expected[26 * 34 + 26] = 1;
    expected[0 * 34 + 33] = 1;
    assertArrayEquals(expected, counts);
  }

  @Test
  void trainIdsCountsPutIgnoredAndNineteenInRowAndColumnNineteen() {
    long[] counts = PixelTally.count(bytes(255, 3, 3), bytes(3, 255, 19)).confusion(IdSpace.TRAIN_IDS);
    assertEquals(1, counts[19 * 20 + 3]);
    assertEquals(2, counts[3 * 20 + 19]);
    assertEquals(3, Arrays.stream(counts).sum());
  }

  @Test
  void valuesOutsideTheIdSpaceAreRefused() {
    PixelTally tally = PixelTally.count(bytes(7, 40), bytes(7, 7));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tally.confusion(IdSpace.LABEL_IDS));
    assertEquals("ground truth has value 40, outside the labelIds 0..33", e.getMessage());
  }

  @Test
  void histogramsCountEachValue() {
    PixelTally tally = PixelTally.count(bytes(1, 1, 2), bytes(255, 3, 3));
    assertEquals(2, tally.groundTruthHistogram()[1]);
    assertEquals(1, tally.predictionHistogram()[255]);
    assertEquals(2, tally.predictionHistogram()[3]);
  }

  @Test
  void instancesAboveOneThousandAreMeasuredAndGroupsSkipped() {
    // person 24000 (3 px: person, rider, car), car 26001 (2 px: car, caravan), car group 26,
    // caravan 29000 (ignored in evaluation), and 1000 which the official's "> 1000" leaves out.
    short[] instances = shorts(24000, 24000, 24000, 26001, 26001, 26, 29000, 1000);
    byte[] truth = bytes(24, 24, 24, 26, 26, 26, 29, 1);
    byte[] prediction = bytes(24, 25, 26, 26, 29, 26, 29, 1);
    List<InstanceOverlap> overlaps = PixelTally.count(truth, prediction, instances).instances();
    assertEquals(
        List.of(InstanceOverlap.create(24000, 3, 1, 2), InstanceOverlap.create(26001, 2, 1, 2)),
        overlaps);
  }

  @Test
  void instanceOfALabelWithoutInstancesIsRefused() {
    PixelTally tally = PixelTally.count(bytes(7), bytes(7), shorts(7001));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tally::instances);
    assertEquals("instanceIds has instance id 7001 but road (labelId 7) has no instances", e.getMessage());
  }

  @Test
  void instanceOfAnUnknownLabelIsRefused() {
    PixelTally tally = PixelTally.count(bytes(7), bytes(7), shorts(40000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tally::instances);
    assertEquals("instanceIds has instance id 40000 but labelId 40 does not exist", e.getMessage());
  }

  @Test
  void piecesOfAnyLengthAddUpToWhatAPixelByPixelCountGives() {
    int width = 517;
    int height = 300;
    byte[] truth = new byte[width * height];
    byte[] prediction = new byte[width * height];
    short[] instances = new short[width * height];
    paintStreetScene(width, height, truth, prediction, instances);
    // The plain count, one pixel at a time.
    long[] pairs = new long[34 * 34];
    Map<Integer, long[]> overlaps = new TreeMap<>();
    for (int i = 0; i < truth.length; i++) {
      pairs[truth[i] * 34 + prediction[i]]++;
      int id = instances[i] & 0xffff;
      if (id > 1000) {
        long[] o = overlaps.computeIfAbsent(id, k -> new long[3]);
        o[0]++;
        o[1] += prediction[i] == id / 1000 ? 1 : 0;
        int label = id / 1000;
        int predicted = prediction[i];
        boolean sameCategory =
            InstanceClasses.categories().stream()
                .anyMatch(c -> c.labelIds().contains(label) && c.labelIds().contains(predicted));
        o[2] += sameCategory ? 1 : 0;
      }
    }
    List<InstanceOverlap> expected = new ArrayList<>();
    overlaps.forEach((id, o) -> expected.add(InstanceOverlap.create(id, o[0], o[1], o[2])));
    byte[] bigEndian = new byte[2 * instances.length];
    for (int i = 0; i < instances.length; i++) {
      bigEndian[2 * i] = (byte) (instances[i] >> 8);
      bigEndian[2 * i + 1] = (byte) instances[i];
    }
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      PixelTally.Counter counter = PixelTally.counterWithInstances();
      PixelTally.Counter pairsOnly = PixelTally.counter();
      for (int at = 0; at < truth.length; ) {
        int length = Math.min(truth.length - at, trial == 0 ? width : 1 + random.nextInt(3 * width));
        counter.addRow(
            Arrays.copyOfRange(truth, at, at + length),
            Arrays.copyOfRange(prediction, at, at + length),
            Arrays.copyOfRange(bigEndian, 2 * at, 2 * (at + length)),
            length);
        pairsOnly.addRow(
            Arrays.copyOfRange(truth, at, at + length), Arrays.copyOfRange(prediction, at, at + length), length);
        at += length;
      }
      PixelTally tally = counter.tally();

      assertArrayEquals(pairs, tally.confusion(IdSpace.LABEL_IDS), "trial " + trial);
      assertEquals(expected, tally.instances(), "trial " + trial);
      assertArrayEquals(pairs, pairsOnly.tally().confusion(IdSpace.LABEL_IDS), "trial " + trial);
    }
  }

  @Test
  void countsA2048x1024FrameInAFewMilliseconds() {
    int width = 2048;
    int height = 1024;
    byte[] truth = new byte[width * height];
    byte[] prediction = new byte[width * height];
    short[] instances = new short[width * height];
    paintStreetScene(width, height, truth, prediction, instances);
    // Thread CPU time, not wall time: on a shared machine the thread waits for a core.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[40];
    long checksum = 0;
    for (int run = 0; run < nanos.length; run++) {
      long start = threads.getCurrentThreadCpuTime();
      PixelTally tally = PixelTally.count(truth, prediction, instances);
      long[] counts = tally.confusion(IdSpace.LABEL_IDS);
      checksum += counts[7 * 34 + 7] + tally.instances().size();
      nanos[run] = threads.getCurrentThreadCpuTime() - start;
    }
    Arrays.sort(nanos);
    double medianMs = nanos[nanos.length / 2] / 1e6;
    System.out.printf(
        "PixelTally 2048x1024 with instances: median %.2f ms, best %.2f ms CPU%n",
        medianMs, nanos[0] / 1e6);
    assertTrue(checksum > 0);
    // A generous bound that still catches a slow path; the printed figures are what to report.
    assertTrue(medianMs < 50, "median " + medianMs + " ms");
  }

  /**
   * Bands of sky, building, vegetation, road and sidewalk, 120 rectangular people and cars (a third
   * of the frame), and a prediction with shifted boundaries and 5% scattered errors.
   */
  private static void paintStreetScene(
      int width, int height, byte[] truth, byte[] prediction, short[] instances) {
    int[] bands = {23, 11, 21, 7, 8};
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int band = bands[Math.min(bands.length - 1, (y + x / 16) * bands.length / height)];
        instances[y * width + x] = (short) band;
      }
    }
    Random random = new Random(3);
    for (int n = 0; n < 120; n++) {
      int label = n % 2 == 0 ? 24 : 26;
      int w = 20 + random.nextInt(200);
      int h = 40 + random.nextInt(150);
      int x0 = random.nextInt(width - w);
      int y0 = height / 3 + random.nextInt(height * 2 / 3 - h);
      for (int y = y0; y < y0 + h; y++) {
        Arrays.fill(instances, y * width + x0, y * width + x0 + w, (short) (label * 1000 + n / 2));
      }
    }
    for (int i = 0; i < truth.length; i++) {
      int id = instances[i] & 0xffff;
      truth[i] = (byte) (id >= 1000 ? id / 1000 : id);
    }
    for (int i = 0; i < truth.length; i++) {
      prediction[i] = random.nextInt(20) == 0 ? (byte) random.nextInt(34) : truth[Math.max(0, i - 3)];
    }
  }
}

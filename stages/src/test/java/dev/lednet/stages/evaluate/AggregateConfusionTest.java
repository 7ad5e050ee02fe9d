package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class AggregateConfusionTest {

  private static final AggregateConfusion.SumConfusion FN = AggregateConfusion.combineFn();

  /** The committed frames plus 40 frames of many odd-sized instances, whose terms round. */
  private static List<FrameConfusion> frames() {
    List<FrameConfusion> frames = new ArrayList<>(OfficialFrames.countAll());
    Random random = new Random(42);
    int[] labels = {24, 25, 26, 27, 28, 31, 32, 33};
    for (int f = 0; f < 40; f++) {
      long[] counts = new long[34 * 34];
      counts[random.nextInt(counts.length)] = 1 + random.nextInt(100_000);
      List<InstanceOverlap> instances = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        long pixels = 1 + random.nextInt(60_000);
        long categoryHits = (long) (random.nextDouble() * (pixels + 1));
        long classHits = (long) (random.nextDouble() * (categoryHits + 1));
        instances.add(
            InstanceOverlap.create(labels[i % labels.length] * 1000 + i, pixels, classHits, categoryHits));
      }
      frames.add(FrameConfusion.create("synth_000000_" + String.format("%06d", f), IdSpace.LABEL_IDS, counts, instances));
    }
    return frames;
  }

  private static DatasetConfusion sequential(List<FrameConfusion> frames) {
    ConfusionSum sum = FN.createAccumulator();
    for (FrameConfusion frame : frames) {
      sum = FN.addInput(sum, frame);
    }
    return FN.extractOutput(sum);
  }

  /** Random bundles, each accumulator sent through the coder, merged in a random tree. */
  private static DatasetConfusion bundled(List<FrameConfusion> frames, Random random) throws IOException {
    List<ConfusionSum> bundles = new ArrayList<>();
    int i = 0;
    while (i < frames.size()) {
      int end = Math.min(frames.size(), i + 1 + random.nextInt(7));
      ConfusionSum sum = FN.createAccumulator();
      for (FrameConfusion frame : frames.subList(i, end)) {
        sum = FN.addInput(sum, frame);
      }
      bundles.add(roundTrip(sum));
      i = end;
    }
    bundles.add(FN.createAccumulator());
    while (bundles.size() > 1) {
      Collections.shuffle(bundles, random);
      int take = 2 + random.nextInt(Math.min(3, bundles.size() - 1));
      List<ConfusionSum> group = new ArrayList<>(bundles.subList(0, take));
      bundles.subList(0, take).clear();
      bundles.add(roundTrip(FN.mergeAccumulators(group)));
    }
    return FN.extractOutput(bundles.get(0));
  }

  private static ConfusionSum roundTrip(ConfusionSum sum) throws IOException {
    ConfusionSum.Coder coder = new ConfusionSum.Coder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    coder.encode(sum, bytes);
    return coder.decode(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void totalsHaveIdenticalBitsWhateverTheOrderAndBundling() throws IOException {
    List<FrameConfusion> frames = frames();
    DatasetConfusion expected = sequential(frames);
    Random random = new Random(7);
    for (int trial = 0; trial < 30; trial++) {
      List<FrameConfusion> shuffled = new ArrayList<>(frames);
      Collections.shuffle(shuffled, random);
      // AutoValue equality: Arrays.equals on the counts, Double.equals (same bits) on the sums.
      assertEquals(expected, sequential(shuffled), "order " + trial);
      assertEquals(expected, bundled(shuffled, random), "bundling " + trial);
    }
    assertEquals(frames.size(), expected.getFrames());
  }

  @Test
  void plainDoubleSumsOfTheSameTermsDependOnOrder() {
    // Shows that the test above has teeth: adding the rounded terms in doubles is order-dependent.
    List<FrameConfusion> frames = frames();
    Random random = new Random(7);
    Set<Long> bits = new HashSet<>();
    for (int trial = 0; trial < 30; trial++) {
      List<FrameConfusion> shuffled = new ArrayList<>(frames);
      Collections.shuffle(shuffled, random);
      double personTp = 0;
      for (FrameConfusion frame : shuffled) {
        for (InstanceOverlap instance : frame.getInstances()) {
          if (instance.labelId() == 24) {
            personTp += instance.getClassHits() * (3462.4756337644 / instance.getPixels());
          }
        }
      }
      bits.add(Double.doubleToLongBits(personTp));
    }
    assertTrue(bits.size() > 1, "naive sums agreed by chance; pick other frames");
  }

  @Test
  void iIouSumsAreTheExactSumOfTheOfficiallyRoundedTerms() {
    InstanceOverlap a = InstanceOverlap.create(24_000, 3, 1, 2);
    InstanceOverlap b = InstanceOverlap.create(24_001, 7, 7, 7);
    FrameConfusion frame =
        FrameConfusion.create("a_000000_000000", IdSpace.LABEL_IDS, new long[34 * 34], List.of(a, b));
    DatasetConfusion totals = sequential(List.of(frame));
    double weightA = 3462.4756337644 / 3.0;
    double weightB = 3462.4756337644 / 7.0;
    assertEquals(
        new java.math.BigDecimal(1.0 * weightA).add(new java.math.BigDecimal(7.0 * weightB)).doubleValue(),
        totals.getClassWeightedTruePositives().get("person"));
    assertEquals(2.0 * weightA + 0.0 * weightB, totals.getClassWeightedFalseNegatives().get("person"));
    assertEquals(
        new java.math.BigDecimal(2.0 * weightA).add(new java.math.BigDecimal(7.0 * weightB)).doubleValue(),
        totals.getCategoryWeightedTruePositives().get("human"));
    assertEquals(1.0 * weightA, totals.getCategoryWeightedFalseNegatives().get("human"));
    assertEquals(0.0, totals.getClassWeightedTruePositives().get("car"));
    assertEquals(0.0, totals.getCategoryWeightedTruePositives().get("vehicle"));
  }

  @Test
  void emptyInputGivesLabelIdsTotalsWithNoFrames() {
    DatasetConfusion empty = sequential(List.of());
    assertEquals(IdSpace.LABEL_IDS, empty.getIds());
    assertEquals(0, empty.getFrames());
    assertEquals(34 * 34, empty.getCounts().length);
    assertEquals(0.0, empty.getClassWeightedTruePositives().get("bicycle"));
  }

  @Test
  void trainIdsFramesAddUpWithoutInstanceSums() {
    long[] counts = new long[20 * 20];
    counts[20 * 19 + 3] = 5;
    FrameConfusion frame = FrameConfusion.create("a_000000_000001", IdSpace.TRAIN_IDS, counts, List.of());
    DatasetConfusion totals = sequential(List.of(frame, frame));
    assertEquals(IdSpace.TRAIN_IDS, totals.getIds());
    assertEquals(10, totals.count(19, 3));
    assertTrue(totals.getClassWeightedTruePositives().isEmpty());
  }

  @Test
  void mixingLabelIdsAndTrainIdsIsRejected() {
    FrameConfusion labelIds =
        FrameConfusion.create("a_000000_000000", IdSpace.LABEL_IDS, new long[34 * 34], List.of());
    FrameConfusion trainIds =
        FrameConfusion.create("a_000000_000001", IdSpace.TRAIN_IDS, new long[20 * 20], List.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sequential(List.of(labelIds, trainIds)));
    assertEquals("cannot add TRAIN_IDS counts to LABEL_IDS counts", e.getMessage());
  }

  @Test
  void pipelineTotalsEqualSequentialTotals(TestPipeline pipeline) {
    List<FrameConfusion> frames = frames();
    PCollection<DatasetConfusion> totals =
        pipeline.apply(Create.of(frames)).apply(AggregateConfusion.globally());
    PAssert.thatSingleton(totals).isEqualTo(sequential(frames));
    pipeline.run().waitUntilFinish();
  }
}

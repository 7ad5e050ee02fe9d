package dev.lednet.stages.evaluate;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The running sum behind {@link AggregateConfusion}: integer counts, and the official iIoU terms
 * summed exactly. Each instance's terms are rounded as the official rounds them ({@code
 * float(tp) * (avgClassSize / float(instSize))}), then added without rounding, so the total is the
 * same whatever the order and grouping of frames; it is rounded once, in {@link #toTotals()}.
 */
public final class ConfusionSum {

  private static final int CLASSES = InstanceClasses.classes().size();
  private static final int CATEGORIES = InstanceClasses.categories().size();

  /** Null until the first frame decides the id space. */
  private IdSpace ids;
  private long frames;
  private long[] counts;
  private final BigDecimal[] classTruePositives = zeros(CLASSES);
  private final BigDecimal[] classFalseNegatives = zeros(CLASSES);
  private final BigDecimal[] categoryTruePositives = zeros(CATEGORIES);
  private final BigDecimal[] categoryFalseNegatives = zeros(CATEGORIES);

  ConfusionSum() {}

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] sums = new BigDecimal[n];
    Arrays.fill(sums, BigDecimal.ZERO);
    return sums;
  }

  void add(FrameConfusion frame) {
    adopt(frame.getIds());
    frames++;
    long[] frameCounts = frame.getCounts();
    for (int i = 0; i < counts.length; i++) {
      counts[i] += frameCounts[i];
    }
    for (InstanceOverlap instance : frame.getInstances()) {
      addInstance(instance);
    }
  }

  private void addInstance(InstanceOverlap instance) {
    Label label = CityscapesLabels.byId(instance.labelId()).orElseThrow();
    int classIndex = InstanceClasses.classIndex(label.id());
    if (classIndex < 0) {
      throw new IllegalArgumentException("instance " + instance.getInstanceId() + " is not scored by iIoU");
    }
    double pixels = instance.getPixels();
    double weight = InstanceClasses.averageSize(label) / pixels;
    long classMisses = instance.getPixels() - instance.getClassHits();
    classTruePositives[classIndex] = plus(classTruePositives[classIndex], instance.getClassHits() * weight);
    classFalseNegatives[classIndex] = plus(classFalseNegatives[classIndex], classMisses * weight);

    int categoryIndex = InstanceClasses.categoryIndex(label.category());
    if (categoryIndex >= 0) {
      long categoryMisses = instance.getPixels() - instance.getCategoryHits();
      categoryTruePositives[categoryIndex] =
          plus(categoryTruePositives[categoryIndex], instance.getCategoryHits() * weight);
      categoryFalseNegatives[categoryIndex] =
          plus(categoryFalseNegatives[categoryIndex], categoryMisses * weight);
    }
  }

  private static BigDecimal plus(BigDecimal sum, double term) {
    // new BigDecimal(double) is the double's exact value; valueOf would round it to 17 digits.
    return sum.add(new BigDecimal(term));
  }

  void merge(ConfusionSum other) {
    if (other.ids == null) {
      return;
    }
    adopt(other.ids);
    frames += other.frames;
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    addAll(classTruePositives, other.classTruePositives);
    addAll(classFalseNegatives, other.classFalseNegatives);
    addAll(categoryTruePositives, other.categoryTruePositives);
    addAll(categoryFalseNegatives, other.categoryFalseNegatives);
  }

  private static void addAll(BigDecimal[] sums, BigDecimal[] more) {
    for (int i = 0; i < sums.length; i++) {
      sums[i] = sums[i].add(more[i]);
    }
  }

  private void adopt(IdSpace frameIds) {
    if (ids == null) {
      ids = frameIds;
      counts = new long[frameIds.matrixSize() * frameIds.matrixSize()];
    } else if (ids != frameIds) {
      throw new IllegalArgumentException("cannot add " + frameIds + " counts to " + ids + " counts");
    }
  }

  /**
   * The totals, each iIoU sum rounded once to the nearest double. An empty sum gives labelIds totals
   * with no frames.
   */
  DatasetConfusion toTotals() {
    IdSpace space = ids == null ? IdSpace.LABEL_IDS : ids;
    long[] totalCounts = counts == null ? new long[space.matrixSize() * space.matrixSize()] : counts.clone();
    boolean instances = space == IdSpace.LABEL_IDS;
    return DatasetConfusion.create(
        space,
        frames,
        totalCounts,
        instances ? byClass(classTruePositives) : Map.of(),
        instances ? byClass(classFalseNegatives) : Map.of(),
        instances ? byCategory(categoryTruePositives) : Map.of(),
        instances ? byCategory(categoryFalseNegatives) : Map.of());
  }

  private static Map<String, Double> byClass(BigDecimal[] sums) {
    Map<String, Double> values = new LinkedHashMap<>();
    List<Label> classes = InstanceClasses.classes();
    for (int i = 0; i < sums.length; i++) {
      values.put(classes.get(i).name(), sums[i].doubleValue());
    }
    return values;
  }

  private static Map<String, Double> byCategory(BigDecimal[] sums) {
    Map<String, Double> values = new LinkedHashMap<>();
    List<InstanceClasses.Category> categories = InstanceClasses.categories();
    for (int i = 0; i < sums.length; i++) {
      values.put(categories.get(i).name(), sums[i].doubleValue());
    }
    return values;
  }

  /** A deterministic encoding: id space, frame count, counts, then the exact sums. */
  static final class Coder extends CustomCoder<ConfusionSum> {
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final BigDecimalCoder DECIMAL = BigDecimalCoder.of();

    @Override
    public void encode(ConfusionSum sum, OutputStream out) throws IOException {
      INT.encode(sum.ids == null ? -1 : sum.ids.ordinal(), out);
      if (sum.ids == null) {
        return;
      }
      LONG.encode(sum.frames, out);
      for (long count : sum.counts) {
        LONG.encode(count, out);
      }
      for (BigDecimal[] sums :
          List.of(
              sum.classTruePositives,
              sum.classFalseNegatives,
              sum.categoryTruePositives,
              sum.categoryFalseNegatives)) {
        for (BigDecimal value : sums) {
          DECIMAL.encode(value, out);
        }
      }
    }

    @Override
    public ConfusionSum decode(InputStream in) throws IOException {
      ConfusionSum sum = new ConfusionSum();
      int ordinal = INT.decode(in);
      if (ordinal < 0) {
        return sum;
      }
      if (ordinal >= IdSpace.values().length) {
        throw new CoderException("unknown id space " + ordinal);
      }
      sum.adopt(IdSpace.values()[ordinal]);
      sum.frames = LONG.decode(in);
      for (int i = 0; i < sum.counts.length; i++) {
        sum.counts[i] = LONG.decode(in);
      }
      for (BigDecimal[] sums :
          List.of(
              sum.classTruePositives,
              sum.classFalseNegatives,
              sum.categoryTruePositives,
              sum.categoryFalseNegatives)) {
        for (int i = 0; i < sums.length; i++) {
          sums[i] = DECIMAL.decode(in);
        }
      }
      return sum;
    }

    @Override
    public void verifyDeterministic() {}
  }
}

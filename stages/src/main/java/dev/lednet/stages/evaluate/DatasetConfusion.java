package dev.lednet.stages.evaluate;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableSortedMap;
import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * The evaluation totals over a set of frames, everything the scores are computed from: the
 * confusion counts and the official iIoU accumulators ({@code instStats}: weighted true positives
 * and false negatives per class and per category). Serializable because {@code Combine.globally}
 * keeps the totals of an empty input in its graph as the default value.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class DatasetConfusion implements Serializable {

  @SchemaFieldNumber("0")
  public abstract IdSpace getIds();

  /** Number of frames added up. */
  @SchemaFieldNumber("1")
  public abstract long getFrames();

  /** Pixel counts, row-major, ground truth in rows, as {@link FrameConfusion#getCounts()}. */
  @SchemaFieldNumber("2")
  @SuppressWarnings("mutable")
  public abstract long[] getCounts();

  /** {@code tpWeighted} per iIoU class name (empty for trainIds). */
  @SchemaFieldNumber("3")
  public abstract Map<String, Double> getClassWeightedTruePositives();

  /** {@code fnWeighted} per iIoU class name (empty for trainIds). */
  @SchemaFieldNumber("4")
  public abstract Map<String, Double> getClassWeightedFalseNegatives();

  /** {@code tpWeighted} per iIoU category name (empty for trainIds). */
  @SchemaFieldNumber("5")
  public abstract Map<String, Double> getCategoryWeightedTruePositives();

  /** {@code fnWeighted} per iIoU category name (empty for trainIds). */
  @SchemaFieldNumber("6")
  public abstract Map<String, Double> getCategoryWeightedFalseNegatives();

  @SchemaCreate
  public static DatasetConfusion create(
      IdSpace ids,
      long frames,
      long[] counts,
      Map<String, Double> classWeightedTruePositives,
      Map<String, Double> classWeightedFalseNegatives,
      Map<String, Double> categoryWeightedTruePositives,
      Map<String, Double> categoryWeightedFalseNegatives) {
    int size = ids.matrixSize();
    if (counts.length != size * size) {
      throw new IllegalArgumentException(
          "a " + ids + " confusion matrix has " + size * size + " counts, got " + counts.length);
    }
    return new AutoValue_DatasetConfusion(
        ids,
        frames,
        counts,
        ImmutableSortedMap.copyOf(classWeightedTruePositives),
        ImmutableSortedMap.copyOf(classWeightedFalseNegatives),
        ImmutableSortedMap.copyOf(categoryWeightedTruePositives),
        ImmutableSortedMap.copyOf(categoryWeightedFalseNegatives));
  }

  /** Pixels of ground truth {@code truth} predicted as {@code predicted}. */
  public long count(int truth, int predicted) {
    return getCounts()[truth * getIds().matrixSize() + predicted];
  }
}

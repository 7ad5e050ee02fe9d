package dev.lednet.stages.evaluate;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * What one frame contributes to the evaluation: its confusion counts and, for labelIds, how the
 * prediction covers each ground-truth instance. Only integers, so that frames add up exactly.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class FrameConfusion {

  /** {@code <city>_<seq>_<frame>}. */
  @SchemaFieldNumber("0")
  public abstract String getFrameId();

  @SchemaFieldNumber("1")
  public abstract IdSpace getIds();

  /**
   * Pixel counts, {@code size x size} row-major with the ground truth in rows: {@code
   * counts[truth * size + predicted]}, {@code size} being {@link IdSpace#matrixSize()}. Never
   * modified in place.
   */
  @SchemaFieldNumber("2")
  @SuppressWarnings("mutable")
  public abstract long[] getCounts();

  /**
   * The instances scored by iIoU (ids above 1000, ignored classes left out), by ascending id;
   * empty for trainIds.
   */
  @SchemaFieldNumber("3")
  public abstract List<InstanceOverlap> getInstances();

  @SchemaCreate
  public static FrameConfusion create(
      String frameId, IdSpace ids, long[] counts, List<InstanceOverlap> instances) {
    int size = ids.matrixSize();
    if (counts.length != size * size) {
      throw new IllegalArgumentException(
          "a " + ids + " confusion matrix has " + size * size + " counts, got " + counts.length);
    }
    return new AutoValue_FrameConfusion(frameId, ids, counts, ImmutableList.copyOf(instances));
  }

  /** Pixels of ground truth {@code truth} predicted as {@code predicted}. */
  public long count(int truth, int predicted) {
    return getCounts()[truth * getIds().matrixSize() + predicted];
  }
}

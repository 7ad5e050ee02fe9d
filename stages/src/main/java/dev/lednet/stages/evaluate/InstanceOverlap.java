package dev.lednet.stages.evaluate;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * How much of one ground-truth instance the prediction covers: the integers from which the official
 * evaluation derives an instance's weighted true positives and false negatives.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class InstanceOverlap {

  /** The value in {@code gtFine_instanceIds}: labelId * 1000 + instance number. */
  @SchemaFieldNumber("0")
  public abstract int getInstanceId();

  /** The instance's size in pixels. */
  @SchemaFieldNumber("1")
  public abstract long getPixels();

  /** Pixels of the instance predicted as its own labelId. */
  @SchemaFieldNumber("2")
  public abstract long getClassHits();

  /** Pixels of the instance predicted as any labelId of its category. */
  @SchemaFieldNumber("3")
  public abstract long getCategoryHits();

  @SchemaCreate
  public static InstanceOverlap create(int instanceId, long pixels, long classHits, long categoryHits) {
    if (pixels <= 0 || classHits < 0 || classHits > categoryHits || categoryHits > pixels) {
      throw new IllegalArgumentException(
          "inconsistent overlap of instance " + instanceId + ": " + pixels + " pixels, "
              + classHits + " class hits, " + categoryHits + " category hits");
    }
    return new AutoValue_InstanceOverlap(instanceId, pixels, classHits, categoryHits);
  }

  /** The labelId of the instance. */
  public int labelId() {
    return getInstanceId() / 1000;
  }
}

package dev.lednet.stages.augment;

import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * One augmented copy of a frame, encoded: the RGB image and the trainId label map as PNGs, the
 * sample's metadata (frame, copy, {@link SampleDraw}) as JSON, and the label's class pixel counts.
 * Its key {@code <frameId>_<copy>} names its members in a shard.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class AugmentedSample {

  /** {@code <frameId>_<copy>}, e.g. {@code aachen_000000_000019_3}. */
  @SchemaFieldNumber("0")
  public abstract String getKey();

  @SchemaFieldNumber("1")
  public abstract String getFrameId();

  @SchemaFieldNumber("2")
  public abstract int getCopy();

  @SchemaFieldNumber("3")
  public abstract int getWidth();

  @SchemaFieldNumber("4")
  public abstract int getHeight();

  /** The image, RGB PNG. */
  @SchemaFieldNumber("5")
  @SuppressWarnings("mutable")
  public abstract byte[] getImagePng();

  /** The label map, 8-bit gray PNG of trainIds (255 ignored). */
  @SchemaFieldNumber("6")
  @SuppressWarnings("mutable")
  public abstract byte[] getLabelPng();

  /** {@code {"frameId", "copy", "split", "draw"}} as JSON. */
  @SchemaFieldNumber("7")
  public abstract String getMetadata();

  /** Pixels of each train class 0..18, then ignored pixels. */
  @SchemaFieldNumber("8")
  public abstract List<Long> getClassPixels();

  @SchemaCreate
  public static AugmentedSample create(
      String key,
      String frameId,
      int copy,
      int width,
      int height,
      byte[] imagePng,
      byte[] labelPng,
      String metadata,
      List<Long> classPixels) {
    return new AutoValue_AugmentedSample(
        key, frameId, copy, width, height, imagePng, labelPng, metadata, classPixels);
  }

  /** The key of a copy of a frame: {@code <frameId>_<copy>}. */
  public static String key(String frameId, int copy) {
    return frameId + "_" + copy;
  }
}

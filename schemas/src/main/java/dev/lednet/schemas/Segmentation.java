package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A frame's predicted class map at the frame's full resolution: one trainId per pixel, row-major
 * (255 where the model said void). The source image travels along only when a later stage needs
 * its pixels (overlays); otherwise it is empty.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Segmentation {

  @SchemaFieldNumber("0")
  public abstract Frame getFrame();

  @SchemaFieldNumber("1")
  public abstract int getWidth();

  @SchemaFieldNumber("2")
  public abstract int getHeight();

  @SchemaFieldNumber("3")
  @SuppressWarnings("mutable")
  public abstract byte[] getTrainIds();

  /** The encoded input image, or empty. */
  @SchemaFieldNumber("4")
  @SuppressWarnings("mutable")
  public abstract byte[] getImage();

  @SchemaCreate
  public static Segmentation create(Frame frame, int width, int height, byte[] trainIds, byte[] image) {
    if (trainIds.length != width * height) {
      throw new IllegalArgumentException(
          "class map of " + trainIds.length + " pixels for a " + width + "x" + height + " frame");
    }
    return new AutoValue_Segmentation(frame, width, height, trainIds, image);
  }
}

package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A frame with the encoded bytes of some of its files, keyed by component as in {@link
 * Frame#getFiles()}: what a stage reads once and the next stages decode only when they need pixels.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class FrameContent {

  @SchemaFieldNumber("0")
  public abstract Frame getFrame();

  /** Component → the file's bytes, never modified in place. */
  @SchemaFieldNumber("1")
  public abstract Map<String, byte[]> getPayloads();

  @SchemaCreate
  public static FrameContent create(Frame frame, Map<String, byte[]> payloads) {
    return new AutoValue_FrameContent(frame, ImmutableSortedMap.copyOf(payloads));
  }

  /** The bytes of a component, or an error naming the frame and the component it lacks. */
  public byte[] payload(String component) {
    byte[] bytes = getPayloads().get(component);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "frame " + getFrame().getId() + " was read without its " + component + " file");
    }
    return bytes;
  }
}

package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A frame with the encoded bytes of some of its files: what a stage reads once and the next stages
 * decode only when they need pixels. Payloads are a list sorted by component rather than a map
 * because Beam compares rows with byte arrays inside lists by content, which lets the
 * DirectRunner's immutability checks work.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class FrameContent {

  @SchemaFieldNumber("0")
  public abstract Frame getFrame();

  /** One payload per component, sorted by component; bytes are never modified in place. */
  @SchemaFieldNumber("1")
  public abstract List<Payload> getPayloads();

  @SchemaCreate
  public static FrameContent create(Frame frame, List<Payload> payloads) {
    TreeMap<String, Payload> sorted = new TreeMap<>();
    for (Payload payload : payloads) {
      if (sorted.put(payload.getComponent(), payload) != null) {
        throw new IllegalArgumentException(
            "frame " + frame.getId() + " has two " + payload.getComponent() + " payloads");
      }
    }
    return new AutoValue_FrameContent(frame, ImmutableList.copyOf(sorted.values()));
  }

  /** A frame with payloads given as component → bytes. */
  public static FrameContent of(Frame frame, Map<String, byte[]> payloads) {
    ImmutableList.Builder<Payload> list = ImmutableList.builder();
    payloads.forEach((component, bytes) -> list.add(Payload.create(component, bytes)));
    return create(frame, list.build());
  }

  /** The bytes of a component, if it was read. */
  public Optional<byte[]> findPayload(String component) {
    for (Payload payload : getPayloads()) {
      if (payload.getComponent().equals(component)) {
        return Optional.of(payload.getBytes());
      }
    }
    return Optional.empty();
  }

  /** The bytes of a component, or an error naming the frame and the component it lacks. */
  public byte[] payload(String component) {
    return findPayload(component)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "frame " + getFrame().getId() + " was read without its " + component + " file"));
  }
}

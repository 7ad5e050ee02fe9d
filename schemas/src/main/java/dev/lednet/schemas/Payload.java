package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/** The encoded bytes of one component of a frame (a PNG, a JSON file), as read. */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Payload {

  /** {@code leftImg8bit}, {@code gtFine_polygons}, ... as in {@link Frame#getFiles()}. */
  @SchemaFieldNumber("0")
  public abstract String getComponent();

  @SchemaFieldNumber("1")
  @SuppressWarnings("mutable")
  public abstract byte[] getBytes();

  @SchemaCreate
  public static Payload create(String component, byte[] bytes) {
    return new AutoValue_Payload(component, bytes);
  }
}

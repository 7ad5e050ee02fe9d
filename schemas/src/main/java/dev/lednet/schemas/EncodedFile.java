package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A file's bytes and the path they belong at: what stages emit for the writer to store atomically.
 * Payloads stay encoded (PNG, JSON) between stages until a stage needs pixels.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class EncodedFile {

  /** Destination (or source) path, local or {@code gs://}. */
  @SchemaFieldNumber("0")
  public abstract String getPath();

  @SchemaFieldNumber("1")
  @SuppressWarnings("mutable")
  public abstract byte[] getBytes();

  @SchemaCreate
  public static EncodedFile create(String path, byte[] bytes) {
    return new AutoValue_EncodedFile(path, bytes);
  }
}

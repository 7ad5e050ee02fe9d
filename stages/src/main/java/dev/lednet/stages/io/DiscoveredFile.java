package dev.lednet.stages.io;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/** One file found under a dataset root, before the files of a frame are joined. */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class DiscoveredFile {

  @SchemaFieldNumber("0")
  public abstract String getSplit();

  @SchemaFieldNumber("1")
  public abstract String getComponent();

  @SchemaFieldNumber("2")
  public abstract String getPath();

  @SchemaCreate
  public static DiscoveredFile create(String split, String component, String path) {
    return new AutoValue_DiscoveredFile(split, component, path);
  }
}

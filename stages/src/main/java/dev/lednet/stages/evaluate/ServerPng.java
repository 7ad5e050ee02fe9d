package dev.lednet.stages.evaluate;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A frame's prediction that passed the checks for the Cityscapes evaluation server: where it is,
 * its name in the submission zip, and its size and CRC-32 as checked, so that whoever zips it can
 * tell that the file did not change in between.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class ServerPng {

  /** {@code <city>_<seq>_<frame>}. */
  @SchemaFieldNumber("0")
  public abstract String getFrameId();

  /** The prediction file, local or {@code gs://}. */
  @SchemaFieldNumber("1")
  public abstract String getPath();

  /** The path relative to the predictions root, with {@code /}: the entry name in the zip. */
  @SchemaFieldNumber("2")
  public abstract String getEntryName();

  @SchemaFieldNumber("3")
  public abstract long getSize();

  /** CRC-32 of the file's bytes, the checksum a zip entry stores. */
  @SchemaFieldNumber("4")
  public abstract long getCrc32();

  @SchemaCreate
  public static ServerPng create(String frameId, String path, String entryName, long size, long crc32) {
    return new AutoValue_ServerPng(frameId, path, entryName, size, crc32);
  }
}

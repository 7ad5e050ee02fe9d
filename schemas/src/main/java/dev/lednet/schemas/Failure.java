package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A dead letter: one input that a stage could not process, with the file and the reason. Stages
 * emit these on a tagged output instead of failing the bundle, and pipelines write them to the
 * errors report.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Failure {

  /** The frame id, or the file name when no frame could be identified. */
  @SchemaFieldNumber("0")
  public abstract String getFrameId();

  /** The file at fault. */
  @SchemaFieldNumber("1")
  public abstract String getFile();

  /** The stage that failed, e.g. {@code ConvertPolygons}. */
  @SchemaFieldNumber("2")
  public abstract String getStage();

  /** What is wrong, for a person to read. */
  @SchemaFieldNumber("3")
  public abstract String getReason();

  @SchemaCreate
  public static Failure create(String frameId, String file, String stage, String reason) {
    return new AutoValue_Failure(frameId, file, stage, reason);
  }

  /** A failure from an exception, its message (or class name) as the reason. */
  public static Failure of(String frameId, String file, String stage, Throwable error) {
    String message = error.getMessage();
    return create(frameId, file, stage, message == null ? error.getClass().getSimpleName() : message);
  }

  /** One line for logs and the errors report: {@code file: stage: reason}. */
  public String describe() {
    return getFile() + ": " + getStage() + ": " + getReason();
  }
}

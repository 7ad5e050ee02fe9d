package dev.lednet.stages;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam counters stages report and the command line reads for progress lines and summaries.
 * One namespace, one name per fact, so every runner (Direct, Flink, Dataflow) shows the same.
 */
public final class StageMetrics {

  public static final String NAMESPACE = "lednet";

  /** Frames found by discovery: the total that progress is measured against. */
  public static final String FRAMES_FOUND = "framesFound";

  /** Frames whose outputs are complete. */
  public static final String FRAMES_DONE = "framesDone";

  /** Frames skipped because their outputs already exist. */
  public static final String FRAMES_SKIPPED = "framesSkipped";

  /** Inputs sent to the errors report. */
  public static final String FAILURES = "failures";

  public static final String FILES_WRITTEN = "filesWritten";

  private StageMetrics() {}

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}

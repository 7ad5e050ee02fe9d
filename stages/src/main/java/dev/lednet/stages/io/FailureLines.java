package dev.lednet.stages.io;

import dev.lednet.schemas.Failure;
import dev.lednet.stages.StageMetrics;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Failures as the errors report's JSON lines, for a job that stages them and lets its command
 * print them once it is done (unlike {@link ReportFailures}, nothing is logged). Counted ones feed
 * the {@code failures} counter that progress lines and exit codes read; warnings are not counted.
 */
public final class FailureLines extends PTransform<PCollection<Failure>, PCollection<String>> {

  private final boolean counted;

  private FailureLines(boolean counted) {
    this.counted = counted;
  }

  /** Failures: each one counted. */
  public static FailureLines counted() {
    return new FailureLines(true);
  }

  /** Warnings: lines only. */
  public static FailureLines uncounted() {
    return new FailureLines(false);
  }

  @Override
  public PCollection<String> expand(PCollection<Failure> failures) {
    return failures.apply("ToJsonLines", ParDo.of(new LineFn(counted)));
  }

  static final class LineFn extends DoFn<Failure, String> {
    private final Counter failures = StageMetrics.counter(StageMetrics.FAILURES);
    private final boolean counted;

    LineFn(boolean counted) {
      this.counted = counted;
    }

    @ProcessElement
    public void process(@Element Failure failure, OutputReceiver<String> out) throws Exception {
      if (counted) {
        failures.inc();
      }
      out.output(ReportFailures.jsonLine(failure));
    }
  }
}

package dev.lednet.stages.evaluate;

import dev.lednet.schemas.Failure;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Passes its input through only when another collection of failures is empty, so that an
 * evaluation with missing predictions stops before it decodes a single image instead of scoring a
 * subset that would look like a result. The input waits for the failures to be complete.
 */
public final class StopOnFailures<T> extends PTransform<PCollection<T>, PCollection<T>> {

  private final PCollection<Failure> failures;

  private StopOnFailures(PCollection<Failure> failures) {
    this.failures = failures;
  }

  /** Nothing passes if {@code failures} has any element. */
  public static <T> StopOnFailures<T> unless(PCollection<Failure> failures) {
    return new StopOnFailures<>(failures);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    PCollectionView<Long> failureCount =
        failures.apply("CountFailures", Count.globally()).apply("AsSingleton", View.asSingleton());
    return input
        .apply("PassIfNoFailures", ParDo.of(new PassFn<T>(failureCount)).withSideInputs(failureCount))
        .setCoder(input.getCoder());
  }

  static final class PassFn<T> extends DoFn<T, T> {
    private final PCollectionView<Long> failureCount;

    PassFn(PCollectionView<Long> failureCount) {
      this.failureCount = failureCount;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      if (context.sideInput(failureCount) == 0) {
        context.output(context.element());
      }
    }
  }
}

package dev.lednet.stages.io;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;

/**
 * Redistributes elements over workers after a step that made few large groups (e.g. a listing):
 * {@code Reshuffle.viaRandomKey()} on distributed runners. On the DirectRunner it does nothing: that
 * runner already spreads bundles over its threads, and a reshuffle there hands every element on in
 * a bundle of its own, each paying the runner's fixed cost per bundle (measured: 600 one-frame
 * bundles doubled the time of a 600-frame prepare).
 */
public final class Spread<T> extends PTransform<PCollection<T>, PCollection<T>> {

  private Spread() {}

  public static <T> Spread<T> evenly() {
    return new Spread<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    if (onDirectRunner(input.getPipeline().getOptions())) {
      return input;
    }
    return input.apply("Reshuffle", Reshuffle.viaRandomKey());
  }

  /** Whether these options run on the DirectRunner (known by name: stages do not depend on it). */
  public static boolean onDirectRunner(PipelineOptions options) {
    return options.getRunner().getSimpleName().equals("DirectRunner");
  }
}

package dev.lednet.stages.io;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;

/**
 * Redistributes elements over workers. On distributed runners this is {@code
 * Reshuffle.viaRandomKey()}; on the DirectRunner, which runs each key of a shuffle as its own
 * bundle and pays a fixed cost per bundle, the elements go into a few buckets (twice the cores), so
 * that every later step sees large bundles: with one key per element, preparing 600 frames took
 * most of its time in the runner's per-bundle bookkeeping.
 */
public final class Spread<T> extends PTransform<PCollection<T>, PCollection<T>> {

  private Spread() {}

  public static <T> Spread<T> evenly() {
    return new Spread<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    Reshuffle.ViaRandomKey<T> reshuffle = Reshuffle.viaRandomKey();
    if (input.getPipeline().getOptions().getRunner().getSimpleName().equals("DirectRunner")) {
      reshuffle = reshuffle.withNumBuckets(2 * Runtime.getRuntime().availableProcessors());
    }
    return input.apply("Reshuffle", reshuffle);
  }
}

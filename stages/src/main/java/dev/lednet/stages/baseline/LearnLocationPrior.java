package dev.lednet.stages.baseline;

import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.image.Png;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Learns a {@link LocationPrior} from the {@code <type>_labelTrainIds} payloads of training frames,
 * as a global combine (counts add up exactly, whatever the bundling or runner).
 */
public final class LearnLocationPrior
    extends PTransform<PCollection<FrameContent>, PCollection<LocationPrior>> {

  private final String component;
  private final int columns;
  private final int rows;

  private LearnLocationPrior(String component, int columns, int rows) {
    this.component = component;
    this.columns = columns;
    this.rows = rows;
  }

  /** From {@code gtFine_labelTrainIds} on a 64x32 grid. */
  public static LearnLocationPrior fromTrainIds() {
    return new LearnLocationPrior("gtFine_labelTrainIds", 64, 32);
  }

  public LearnLocationPrior withGrid(int columns, int rows) {
    return new LearnLocationPrior(component, columns, rows);
  }

  @Override
  public PCollection<LocationPrior> expand(PCollection<FrameContent> frames) {
    return frames
        .apply("CountClasses", Combine.globally(new CountFn(component, columns, rows)))
        .setCoder(SerializableCoder.of(LocationPrior.class));
  }

  static final class CountFn extends Combine.CombineFn<FrameContent, LocationPrior, LocationPrior> {
    private final String component;
    private final int columns;
    private final int rows;

    CountFn(String component, int columns, int rows) {
      this.component = component;
      this.columns = columns;
      this.rows = rows;
    }

    @Override
    public LocationPrior createAccumulator() {
      return LocationPrior.empty(columns, rows);
    }

    @Override
    public LocationPrior addInput(LocationPrior prior, FrameContent frame) {
      String path = frame.getFrame().file(component);
      prior.add(Png.decode(frame.payload(component), path));
      return prior;
    }

    @Override
    public LocationPrior mergeAccumulators(Iterable<LocationPrior> priors) {
      LocationPrior merged = createAccumulator();
      for (LocationPrior prior : priors) {
        merged.merge(prior);
      }
      return merged;
    }

    @Override
    public LocationPrior extractOutput(LocationPrior prior) {
      return prior;
    }

    @Override
    public Coder<LocationPrior> getAccumulatorCoder(CoderRegistry registry, Coder<FrameContent> input) {
      return SerializableCoder.of(LocationPrior.class);
    }

    @Override
    public Coder<LocationPrior> getDefaultOutputCoder(CoderRegistry registry, Coder<FrameContent> input) {
      return SerializableCoder.of(LocationPrior.class);
    }
  }
}

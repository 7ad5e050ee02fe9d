package dev.lednet.stages.evaluate;

import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Adds up per-frame confusion counts into the dataset totals that {@link CityscapesMetrics} and
 * {@link TrainIdMetrics} score. The result has the same bits whatever the order, bundling and
 * runner: counts are exact longs and the iIoU terms are summed exactly (see {@link ConfusionSum}).
 * An empty input gives labelIds totals with no frames.
 */
public final class AggregateConfusion
    extends PTransform<PCollection<FrameConfusion>, PCollection<DatasetConfusion>> {

  private AggregateConfusion() {}

  public static AggregateConfusion globally() {
    return new AggregateConfusion();
  }

  /** The combine function itself, e.g. for {@code Combine.perKey} to score each city. */
  public static SumConfusion combineFn() {
    return new SumConfusion();
  }

  @Override
  public PCollection<DatasetConfusion> expand(PCollection<FrameConfusion> frames) {
    return frames.apply("SumFrames", Combine.globally(combineFn()));
  }

  /** Associative and commutative sum of {@link FrameConfusion}s. */
  public static final class SumConfusion
      extends Combine.CombineFn<FrameConfusion, ConfusionSum, DatasetConfusion> {

    @Override
    public ConfusionSum createAccumulator() {
      return new ConfusionSum();
    }

    @Override
    public ConfusionSum addInput(ConfusionSum sum, FrameConfusion frame) {
      sum.add(frame);
      return sum;
    }

    @Override
    public ConfusionSum mergeAccumulators(Iterable<ConfusionSum> sums) {
      ConfusionSum merged = new ConfusionSum();
      for (ConfusionSum sum : sums) {
        merged.merge(sum);
      }
      return merged;
    }

    @Override
    public DatasetConfusion extractOutput(ConfusionSum sum) {
      return sum.toTotals();
    }

    @Override
    public Coder<ConfusionSum> getAccumulatorCoder(
        CoderRegistry registry, Coder<FrameConfusion> inputCoder) {
      return new ConfusionSum.Coder();
    }

    /** The schema coder: a {@code CoderRegistry} alone knows no schemas. */
    @Override
    public Coder<DatasetConfusion> getDefaultOutputCoder(
        CoderRegistry registry, Coder<FrameConfusion> inputCoder) throws CannotProvideCoderException {
      try {
        return SchemaRegistry.createDefault().getSchemaCoder(DatasetConfusion.class);
      } catch (NoSuchSchemaException e) {
        throw new CannotProvideCoderException("DatasetConfusion has no schema", e);
      }
    }
  }
}

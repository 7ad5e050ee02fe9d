package dev.lednet.stages.augment;

import dev.lednet.schemas.Frame;
import dev.lednet.stages.StageMetrics;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Drops frames whose every copy is in a shard that is already written ({@link ShardPlan#written()}),
 * before they are read: a resumed job reads only what it still has to augment.
 */
public final class SkipWrittenFrames extends PTransform<PCollection<Frame>, PCollection<Frame>> {

  private final PCollectionView<ShardPlan> plan;

  private SkipWrittenFrames(PCollectionView<ShardPlan> plan) {
    this.plan = plan;
  }

  public static SkipWrittenFrames using(PCollectionView<ShardPlan> plan) {
    return new SkipWrittenFrames(plan);
  }

  @Override
  public PCollection<Frame> expand(PCollection<Frame> frames) {
    return frames.apply("DropWritten", ParDo.of(new SkipFn(plan)).withSideInputs(plan));
  }

  static final class SkipFn extends DoFn<Frame, Frame> {
    private final Counter skipped = StageMetrics.counter(StageMetrics.FRAMES_SKIPPED);
    private final PCollectionView<ShardPlan> plan;

    SkipFn(PCollectionView<ShardPlan> plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      ShardPlan shards = c.sideInput(plan);
      Frame frame = c.element();
      for (int copy = 0; copy < shards.copies(); copy++) {
        if (!shards.isWritten(AugmentedSample.key(frame.getId(), copy))) {
          c.output(frame);
          return;
        }
      }
      skipped.inc();
    }
  }
}

package dev.lednet.pipelines;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.augment.AugmentFrames;
import dev.lednet.stages.augment.AugmentRecipe;
import dev.lednet.stages.augment.PlanShards;
import dev.lednet.stages.augment.ShardPlan;
import dev.lednet.stages.augment.SkipWrittenFrames;
import dev.lednet.stages.augment.WriteShards;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.DiscoverFrames;
import dev.lednet.stages.io.ReadFrameContent;
import dev.lednet.stages.io.ReportFailures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The {@code augment} pipeline: find a split's images, pair each with its {@code
 * gtFine_labelTrainIds} map, plan the shards, skip frames whose shards are already written, read,
 * augment every copy, write the tar shards and the manifest; failures go to the errors report.
 */
public final class AugmentPipeline {

  /** What to augment. */
  @AutoValue
  public abstract static class Config {
    public abstract String dataset();

    /** Root of the {@code gtFine_labelTrainIds} PNGs ({@code lednet prepare}'s output). */
    public abstract String labels();

    public abstract ImmutableList<String> splits();

    public abstract String output();

    public abstract AugmentRecipe recipe();

    public abstract long seed();

    public abstract int copies();

    public abstract int samplesPerShard();

    public abstract boolean overwrite();

    public abstract Optional<String> errorsFile();

    public static Builder builder() {
      return new AutoValue_AugmentPipeline_Config.Builder()
          .setSplits(ImmutableList.of("train"))
          .setRecipe(AugmentRecipe.reference())
          .setSeed(0)
          .setCopies(1)
          .setSamplesPerShard(64)
          .setOverwrite(false);
    }

    /** Builder of {@link Config}; the labels root defaults to the dataset. */
    @AutoValue.Builder
    public abstract static class Builder {
      public abstract Builder setDataset(String dataset);

      public abstract Builder setLabels(String labels);

      abstract Optional<String> labels();

      abstract String dataset();

      public abstract Builder setSplits(List<String> splits);

      public abstract Builder setOutput(String output);

      public abstract Builder setRecipe(AugmentRecipe recipe);

      public abstract Builder setSeed(long seed);

      public abstract Builder setCopies(int copies);

      public abstract Builder setSamplesPerShard(int samples);

      public abstract Builder setOverwrite(boolean overwrite);

      public abstract Builder setErrorsFile(Optional<String> file);

      abstract Config autoBuild();

      public Config build() {
        if (labels().isEmpty()) {
          setLabels(dataset());
        }
        return autoBuild();
      }
    }
  }

  private AugmentPipeline() {}

  /** Adds the augment steps to {@code pipeline}. */
  public static void build(Pipeline pipeline, Config config) {
    PCollectionTuple found =
        pipeline.apply(
            "Discover",
            DiscoverFrames.in(config.dataset()).withSplits(config.splits()).withRequired(AugmentFrames.IMAGE));
    PCollection<Frame> frames =
        found.get(DiscoverFrames.FRAMES).apply("PairWithLabels", ParDo.of(new PairWithLabelsFn(config.labels())));

    PlanShards planShards =
        PlanShards.of(config.recipe(), config.seed(), config.copies())
            .withSamplesPerShard(config.samplesPerShard());
    PCollectionView<ShardPlan> plan =
        frames.apply("PlanShards", config.overwrite() ? planShards : planShards.resumingFrom(config.output()));

    PCollectionTuple read =
        frames
            .apply("SkipWritten", SkipWrittenFrames.using(plan))
            .apply("Read", ReadFrameContent.of(AugmentFrames.IMAGE, AugmentFrames.LABEL));
    PCollectionTuple augmented =
        read.get(ReadFrameContent.CONTENT)
            .apply(
                "Augment",
                AugmentFrames.with(config.recipe())
                    .withSeed(config.seed())
                    .withCopies(config.copies())
                    .skippingWritten(plan));
    augmented
        .get(AugmentFrames.SAMPLES)
        .apply("WriteShards", WriteShards.to(config.output(), plan).withSource(source(config)));

    PCollectionList<Failure> failures =
        PCollectionList.of(found.get(DiscoverFrames.UNPAIRED))
            .and(read.get(ReadFrameContent.FAILURES))
            .and(augmented.get(AugmentFrames.FAILURES));
    failures
        .apply("AllFailures", Flatten.pCollections())
        .apply(
            "ReportFailures",
            config.errorsFile().map(ReportFailures::to).orElseGet(ReportFailures::toLog));
  }

  /** What the manifest records as the samples' origin. */
  private static Map<String, String> source(Config config) {
    Map<String, String> source = new TreeMap<>();
    source.put("dataset", config.dataset());
    source.put("labels", config.labels());
    source.put("splits", String.join(",", config.splits()));
    return ImmutableMap.copyOf(source);
  }

  /** Adds the frame's {@code gtFine_labelTrainIds} path under the labels root. */
  static final class PairWithLabelsFn extends DoFn<Frame, Frame> {
    private final String labels;

    PairWithLabelsFn(String labels) {
      this.labels = labels;
    }

    @ProcessElement
    public void process(@Element Frame frame, OutputReceiver<Frame> out) {
      Map<String, String> files = new TreeMap<>(frame.getFiles());
      files.put(
          AugmentFrames.LABEL,
          DatasetLayout.path(labels, frame.getSplit(), frame.getCity(), frame.getId(), AugmentFrames.LABEL));
      out.output(Frame.create(frame.getId(), frame.getSplit(), frame.getCity(), files));
    }
  }
}

package dev.lednet.pipelines;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.infer.EncodeSegmentations;
import dev.lednet.stages.infer.InferOutput;
import dev.lednet.stages.infer.ModelSpec;
import dev.lednet.stages.infer.SegmentFrames;
import dev.lednet.stages.infer.SkipInferred;
import dev.lednet.stages.infer.Upsample;
import dev.lednet.stages.io.DiscoverFrames;
import dev.lednet.stages.io.ReadFrameContent;
import dev.lednet.stages.io.ReportFailures;
import dev.lednet.stages.io.WriteFiles;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The {@code infer} pipeline: find a split's images, skip frames already done, read, segment in
 * batches, encode the requested outputs, write them atomically; failures go to the errors report.
 */
public final class InferPipeline {

  /** What to infer. */
  @AutoValue
  public abstract static class Config {
    public abstract String dataset();

    public abstract String split();

    public abstract ModelSpec model();

    public abstract String output();

    public abstract ImmutableList<InferOutput> outputs();

    public abstract int inputWidth();

    public abstract int inputHeight();

    public abstract int batchSize();

    public abstract Upsample upsample();

    public abstract boolean overwrite();

    public abstract Optional<String> errorsFile();

    public static Builder builder() {
      return new AutoValue_InferPipeline_Config.Builder()
          .setSplit("val")
          .setOutputs(ImmutableList.of(InferOutput.SERVER))
          .setInputWidth(1024)
          .setInputHeight(512)
          .setBatchSize(4)
          .setUpsample(Upsample.NEAREST)
          .setOverwrite(false);
    }

    /** Builder of {@link Config}. */
    @AutoValue.Builder
    public abstract static class Builder {
      public abstract Builder setDataset(String dataset);

      public abstract Builder setSplit(String split);

      public abstract Builder setModel(ModelSpec model);

      public abstract Builder setOutput(String output);

      public abstract Builder setOutputs(List<InferOutput> outputs);

      public abstract Builder setInputWidth(int width);

      public abstract Builder setInputHeight(int height);

      public abstract Builder setBatchSize(int size);

      public abstract Builder setUpsample(Upsample upsample);

      public abstract Builder setOverwrite(boolean overwrite);

      public abstract Builder setErrorsFile(Optional<String> file);

      public abstract Config build();
    }
  }

  private InferPipeline() {}

  /** Adds the infer steps to {@code pipeline}. */
  public static void build(Pipeline pipeline, Config config) {
    PCollectionTuple found =
        pipeline.apply(
            "Discover",
            DiscoverFrames.in(config.dataset())
                .withSplits(config.split())
                .withRequired(SegmentFrames.IMAGE));
    PCollection<Frame> todo = found.get(DiscoverFrames.FRAMES);
    if (!config.overwrite()) {
      todo = todo.apply("SkipInferred", SkipInferred.of(config.outputs(), config.output()));
    }
    PCollectionTuple read = todo.apply("Read", ReadFrameContent.of(SegmentFrames.IMAGE));
    PCollectionTuple segmented =
        read.get(ReadFrameContent.CONTENT)
            .apply(
                "Segment",
                SegmentFrames.with(config.model())
                    .withBatchSize(config.batchSize())
                    .withInputSize(config.inputWidth(), config.inputHeight())
                    .withUpsample(config.upsample())
                    .withImages(config.outputs().contains(InferOutput.OVERLAY)));
    PCollectionTuple encoded =
        segmented
            .get(SegmentFrames.SEGMENTATIONS)
            .apply("Encode", EncodeSegmentations.as(config.outputs(), config.output()));
    encoded.get(EncodeSegmentations.FILES).apply("Write", WriteFiles.create());

    PCollectionList<Failure> failures =
        PCollectionList.of(found.get(DiscoverFrames.UNPAIRED))
            .and(read.get(ReadFrameContent.FAILURES))
            .and(segmented.get(SegmentFrames.FAILURES))
            .and(encoded.get(EncodeSegmentations.FAILURES));
    failures
        .apply("AllFailures", Flatten.pCollections())
        .apply(
            "ReportFailures",
            config.errorsFile().map(ReportFailures::to).orElseGet(ReportFailures::toLog));
  }
}

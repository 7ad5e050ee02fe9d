package dev.lednet.pipelines;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.io.DiscoverFrames;
import dev.lednet.stages.io.ReadFrameContent;
import dev.lednet.stages.io.ReportFailures;
import dev.lednet.stages.io.WriteFiles;
import dev.lednet.stages.prepare.ConvertLabelIds;
import dev.lednet.stages.prepare.ConvertPolygons;
import dev.lednet.stages.prepare.LabelDestinations;
import dev.lednet.stages.prepare.LabelOutput;
import dev.lednet.stages.prepare.OutputKey;
import dev.lednet.stages.prepare.SkipConverted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The {@code prepare} pipeline: for each annotation type, find the frames, skip those already
 * converted, read the annotations, convert them to label images, write them atomically; every
 * failure goes to the errors report.
 */
public final class PreparePipeline {

  /** Where annotations come from. */
  public enum Source {
    /** {@code <type>_polygons.json}, drawn as cityscapesScripts' json2labelImg does. */
    POLYGONS("polygons"),
    /** {@code <type>_labelIds.png}, mapped by table lookup. */
    LABEL_IDS("labelIds");

    private final String suffix;

    Source(String suffix) {
      this.suffix = suffix;
    }

    String component(String annotationType) {
      return annotationType + "_" + suffix;
    }
  }

  /** What to prepare. */
  @AutoValue
  public abstract static class Config {
    public abstract String dataset();

    public abstract ImmutableList<String> splits();

    public abstract ImmutableList<String> annotations();

    public abstract ImmutableList<LabelOutput> outputs();

    public abstract Source source();

    /** Mirror the tree under this root instead of writing beside the inputs. */
    public abstract Optional<String> outputRoot();

    public abstract boolean overwrite();

    public abstract Optional<String> errorsFile();

    public static Builder builder() {
      return new AutoValue_PreparePipeline_Config.Builder()
          .setSplits(ImmutableList.of("train", "val", "test"))
          .setAnnotations(ImmutableList.of("gtFine"))
          .setOutputs(ImmutableList.of(LabelOutput.LABEL_TRAIN_IDS))
          .setSource(Source.POLYGONS)
          .setOverwrite(false);
    }

    /** Builder of {@link Config}. */
    @AutoValue.Builder
    public abstract static class Builder {
      public abstract Builder setDataset(String dataset);

      public abstract Builder setSplits(List<String> splits);

      public abstract Builder setAnnotations(List<String> annotations);

      public abstract Builder setOutputs(List<LabelOutput> outputs);

      public abstract Builder setSource(Source source);

      public abstract Builder setOutputRoot(Optional<String> root);

      public abstract Builder setOverwrite(boolean overwrite);

      public abstract Builder setErrorsFile(Optional<String> file);

      public abstract Config build();
    }
  }

  private PreparePipeline() {}

  /** Adds the prepare steps to {@code pipeline}. */
  public static void build(Pipeline pipeline, Config config) {
    List<PCollection<Failure>> failures = new ArrayList<>();
    for (String annotation : config.annotations()) {
      String input = config.source().component(annotation);
      SerializableFunction<OutputKey, String> destination =
          config.outputRoot().isPresent()
              ? LabelDestinations.underRoot(config.outputRoot().get())
              : LabelDestinations.besideInput();

      PCollectionTuple found =
          pipeline.apply(
              "Discover " + annotation,
              DiscoverFrames.in(config.dataset()).withSplits(config.splits()).withRequired(input));
      failures.add(found.get(DiscoverFrames.UNPAIRED));

      PCollection<Frame> todo = found.get(DiscoverFrames.FRAMES);
      if (!config.overwrite()) {
        todo =
            todo.apply(
                "SkipConverted " + annotation,
                SkipConverted.of(config.outputs(), annotation, input, destination));
      }
      PCollectionTuple read = todo.apply("Read " + annotation, ReadFrameContent.of(input));
      failures.add(read.get(ReadFrameContent.FAILURES));

      PCollectionTuple converted =
          read.get(ReadFrameContent.CONTENT)
              .apply("Convert " + annotation, converter(config, annotation, destination));
      failures.add(converted.get(ConvertPolygons.FAILURES));
      converted.get(ConvertPolygons.FILES).apply("Write " + annotation, WriteFiles.create());
    }
    PCollectionList.of(failures)
        .apply("AllFailures", Flatten.pCollections())
        .apply(
            "ReportFailures",
            config.errorsFile().map(ReportFailures::to).orElseGet(ReportFailures::toLog));
  }

  private static PTransform<PCollection<FrameContent>, PCollectionTuple> converter(
      Config config, String annotation, SerializableFunction<OutputKey, String> destination) {
    LabelOutput first = config.outputs().get(0);
    LabelOutput[] more = config.outputs().subList(1, config.outputs().size()).toArray(LabelOutput[]::new);
    if (config.source() == Source.POLYGONS) {
      return ConvertPolygons.to(first, more).withAnnotationType(annotation).withDestination(destination);
    }
    return ConvertLabelIds.to(first, more).withAnnotationType(annotation).withDestination(destination);
  }
}

package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.JobRunner;
import dev.lednet.pipelines.PreparePipeline;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.prepare.LabelOutput;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code lednet prepare}: Cityscapes annotations to label images, as cityscapesScripts makes them. */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Convert Cityscapes annotations to label images, pixel-identical to cityscapesScripts.",
      "Polygons JSON (or labelIds PNGs) become labelTrainIds, labelIds, color, instanceIds and"
          + " instanceTrainIds PNGs exactly as json2labelImg.py and json2instanceImg.py write them"
          + " with Pillow 9.4.0. Frames already converted are skipped."
    })
public final class PrepareCommand extends PipelineCommand {

  @Option(names = "--dataset", required = true, description = "Cityscapes root (local or gs://).")
  String dataset;

  @Option(
      names = "--splits",
      defaultValue = "train,val,test",
      split = ",",
      description = "Splits to convert (default: ${DEFAULT-VALUE}).")
  List<String> splits;

  @Option(
      names = "--annotations",
      defaultValue = "gtFine",
      split = ",",
      description = "Annotation types, e.g. gtFine,gtCoarse (default: ${DEFAULT-VALUE}).")
  List<String> annotations;

  @Option(
      names = "--outputs",
      defaultValue = "labelTrainIds",
      split = ",",
      converter = OutputConverter.class,
      description =
          "Label images to write: labelTrainIds, labelIds, color, instanceIds, instanceTrainIds"
              + " (default: ${DEFAULT-VALUE}).")
  List<LabelOutput> outputs;

  @Option(
      names = "--source",
      defaultValue = "polygons",
      converter = SourceConverter.class,
      description =
          "polygons (<type>_polygons.json) or labelIds (<type>_labelIds.png, for annotations that"
              + " come as label images only; gives labelTrainIds and color) (default: ${DEFAULT-VALUE}).")
  PreparePipeline.Source source;

  @Option(
      names = "--output",
      description = "Write under this root, mirroring the dataset tree (default: beside each input file).")
  String output;

  @Option(names = "--overwrite", description = "Convert frames whose outputs exist already.")
  boolean overwrite;

  @Option(names = "--errors", description = "Write failed frames as JSON lines to this file.")
  String errors;

  @Override
  public Integer call() {
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    PreparePipeline.Config config =
        PreparePipeline.Config.builder()
            .setDataset(dataset)
            .setSplits(splits)
            .setAnnotations(annotations)
            .setOutputs(outputs)
            .setSource(source)
            .setOutputRoot(Optional.ofNullable(output))
            .setOverwrite(overwrite)
            .setErrorsFile(Optional.ofNullable(errors))
            .build();
    if (source == PreparePipeline.Source.LABEL_IDS) {
      for (LabelOutput o : outputs) {
        if (o != LabelOutput.LABEL_TRAIN_IDS && o != LabelOutput.COLOR) {
          throw usageError("--source labelIds gives labelTrainIds and color only, not " + o.suffix());
        }
      }
    }
    Pipeline pipeline = Pipeline.create(options);
    PreparePipeline.build(pipeline, config);

    PrintWriter err = spec.commandLine().getErr();
    JobRunner.Outcome outcome = JobRunner.of("prepare", err).run(pipeline);
    long failures = outcome.counter(StageMetrics.FAILURES);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "prepare: %d frames converted, %d skipped (already done), %d failed, in %.1f s (%.2f frames/s)%n",
        outcome.counter(StageMetrics.FRAMES_DONE),
        outcome.counter(StageMetrics.FRAMES_SKIPPED),
        failures,
        outcome.elapsed().toMillis() / 1000.0,
        outcome.perSecond(StageMetrics.FRAMES_DONE));
    out.printf(
        "  %d files written (%s) %s%n",
        outcome.counter(StageMetrics.FILES_WRITTEN),
        String.join(",", outputs.stream().map(LabelOutput::suffix).toList()),
        output == null ? "beside their inputs under " + dataset : "under " + output);
    return finish(outcome, errors);
  }

  /** Output names as in the official file names: {@code labelTrainIds}, ... */
  static final class OutputConverter implements ITypeConverter<LabelOutput> {
    @Override
    public LabelOutput convert(String value) {
      for (LabelOutput output : LabelOutput.values()) {
        if (output.suffix().equalsIgnoreCase(value.trim())) {
          return output;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of labelTrainIds, labelIds, color, instanceIds, instanceTrainIds");
    }
  }

  static final class SourceConverter implements ITypeConverter<PreparePipeline.Source> {
    @Override
    public PreparePipeline.Source convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "polygons" -> PreparePipeline.Source.POLYGONS;
        case "labelids" -> PreparePipeline.Source.LABEL_IDS;
        default -> throw new TypeConversionException("'" + value + "' is not polygons or labelIds");
      };
    }
  }
}

package dev.lednet.pipelines.cli;

import dev.lednet.model.DeviceChoice;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.lednet.DecoderMode;
import dev.lednet.pipelines.InferPipeline;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.infer.InferOutput;
import dev.lednet.stages.infer.ModelSpec;
import dev.lednet.stages.infer.Upsample;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code lednet infer}: batch inference over a split, written as the evaluation server wants. */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Segment every frame of a split with a model, as the evaluation server wants it.",
      "Per frame: the server's labelIds PNG (OUT/server/<split>/<city>/<frame>_leftImg8bit.png)",
      "and optionally trainIds, color and overlay pictures (OUT/trainIds, OUT/color, OUT/overlay).",
      "Frames whose outputs exist are skipped, so a stopped run resumes."
    })
public final class InferCommand extends PipelineCommand {

  @Option(names = "--dataset", required = true, description = "Cityscapes root with leftImg8bit/<split>/ (local or gs://).")
  String dataset;

  @Option(names = "--split", defaultValue = "val", description = "Split to segment (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--model",
      description = "Model (see 'lednet model --help'); default: LEDNet with seeded random weights.")
  String model;

  @Option(names = "--output", required = true, description = "Output root (local or gs://).")
  String output;

  @Option(
      names = "--outputs",
      defaultValue = "server",
      split = ",",
      converter = OutputConverter.class,
      description = "Any of server, trainIds, color, overlay (default: ${DEFAULT-VALUE}).")
  List<InferOutput> outputs;

  @Option(
      names = "--input-size",
      converter = ImageSize.Converter.class,
      description = "Network input WIDTHxHEIGHT; frames are resized to it with Pillow's bilinear (default: the saved model's, else 1024x512).")
  ImageSize inputSize;

  @Option(names = "--batch-size", defaultValue = "4", description = "Frames per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--cpu-threads-per-pass",
      defaultValue = "1",
      description = {
        "On CPU: libtorch threads per forward pass; each worker runs cores / N passes at once.",
        "0: libtorch's default (every core), one pass at a time (default: ${DEFAULT-VALUE})."
      })
  int cpuThreadsPerPass;

  @Option(
      names = "--upsample",
      defaultValue = "nearest",
      description = "nearest (class map, as the reference) or bilinear (scores, then arg-max) (default: ${DEFAULT-VALUE}).")
  Upsample upsample;

  @Option(names = "--decoder", description = "LEDNet decoder: input or reference (default: the model's).")
  DecoderMode decoder;

  @Option(names = "--overwrite", description = "Segment frames whose outputs exist already.")
  boolean overwrite;

  @Option(names = "--errors", description = "Write failed frames as JSON lines to this file.")
  String errors;

  @Override
  public Integer call() {
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    if (batchSize < 1) {
      throw usageError("--batch-size must be at least 1");
    }
    if (cpuThreadsPerPass < 0) {
      throw usageError("--cpu-threads-per-pass must be 0 or more");
    }
    ModelSpec modelSpec =
        (model == null ? ModelSpec.randomLednet(1) : ModelSpec.of(model))
            .withDevice(DeviceChoice.parse(device))
            .withDecoder(decoder)
            .withCpuThreadsPerPass(cpuThreadsPerPass);
    ImageSize size = inputSize != null ? inputSize : modelInputSize();
    InferPipeline.Config config =
        InferPipeline.Config.builder()
            .setDataset(dataset)
            .setSplit(split)
            .setModel(modelSpec)
            .setOutput(output)
            .setOutputs(outputs)
            .setInputWidth(size.width())
            .setInputHeight(size.height())
            .setBatchSize(batchSize)
            .setUpsample(upsample)
            .setOverwrite(overwrite)
            .setErrorsFile(Optional.ofNullable(errors))
            .build();
    PrintWriter out = spec.commandLine().getOut();
    if (modelSpec.isRandom()) {
      out.println("infer: no --model given: LEDNet with seeded RANDOM weights (predictions are meaningless)");
      out.flush();
    }
    Pipeline pipeline = Pipeline.create(options);
    InferPipeline.build(pipeline, config);
    JobRunner.Outcome outcome = JobRunner.of("infer", spec.commandLine().getErr()).run(pipeline);
    long failures = outcome.counter(StageMetrics.FAILURES);
    out.printf(
        "infer: %d frames segmented, %d skipped (already done), %d failed, in %.1f s (%.2f frames/s)%n",
        outcome.counter(StageMetrics.FRAMES_DONE),
        outcome.counter(StageMetrics.FRAMES_SKIPPED),
        failures,
        outcome.elapsed().toMillis() / 1000.0,
        outcome.perSecond(StageMetrics.FRAMES_DONE));
    out.printf(
        "  model %s, input %s, batch %d; %d files written (%s) under %s%n",
        modelSpec, size, batchSize, outcome.counter(StageMetrics.FILES_WRITTEN),
        String.join(",", outputs.stream().map(InferOutput::optionName).toList()), output);
    return finish(outcome, errors);
  }

  /**
   * The input size a local saved model was trained for (its {@code model.json}); LEDNet's 1024x512
   * for anything else.
   */
  private ImageSize modelInputSize() {
    if (model != null && !model.contains("://")) {
      try {
        ModelDescription d = ModelFiles.describe(Path.of(model));
        return new ImageSize(d.inputWidth(), d.inputHeight());
      } catch (IOException | RuntimeException e) {
        // An unreadable model fails with its own message when the pipeline opens it.
      }
    }
    return new ImageSize(1024, 512);
  }

  /** Output names as on the command line. */
  static final class OutputConverter implements ITypeConverter<InferOutput> {
    @Override
    public InferOutput convert(String value) {
      return InferOutput.parse(value);
    }
  }
}

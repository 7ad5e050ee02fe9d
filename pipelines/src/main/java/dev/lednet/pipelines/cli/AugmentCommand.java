package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.AugmentPipeline;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.augment.AugmentFrames;
import dev.lednet.stages.augment.AugmentRecipe;
import dev.lednet.stages.augment.ShardManifest;
import dev.lednet.stages.augment.ShardPlan;
import dev.lednet.stages.augment.WriteShards;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
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

/** {@code lednet augment}: the reference training augmentation, written as WebDataset tar shards. */
@Command(
    name = "augment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Augment a split for training and write it as tar shards (WebDataset layout) with a manifest.",
      "Per frame and copy: shorter side resized to --height (Pillow bilinear / nearest, as the reference's"
          + " MyCoTransform), optional random --scale, optional --jitter, mirror with p=0.5, translation of"
          + " up to --translate pixels, optional random --crop. Exposed label pixels are 255 (ignored), not"
          + " road as in the reference. Every random choice comes from (--seed, frame id, copy index): the"
          + " same command writes the same bytes on any runner. Shards already written by the same job are"
          + " kept, so a stopped run resumes.",
      "Labels are gtFine/<split>/<city>/<frame>_gtFine_labelTrainIds.png under --labels: run"
          + " 'lednet prepare' first."
    })
public final class AugmentCommand extends PipelineCommand {

  @Option(names = "--dataset", required = true, description = "Cityscapes root with leftImg8bit/<split>/ (local or gs://).")
  String dataset;

  @Option(
      names = "--labels",
      description = "Root of gtFine/<split>/.../*_gtFine_labelTrainIds.png, e.g. 'lednet prepare --output' (default: --dataset).")
  String labels;

  @Option(
      names = "--split",
      defaultValue = "train",
      split = ",",
      description = "Split(s) to augment (default: ${DEFAULT-VALUE}).")
  List<String> splits;

  @Option(names = "--output", required = true, description = "Directory for the shards and manifest.json (local or gs://).")
  String output;

  @Option(names = "--copies", defaultValue = "1", description = "Augmented copies of each frame (default: ${DEFAULT-VALUE}).")
  int copies;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--height",
      defaultValue = "512",
      description = "Shorter side after resizing, as torchvision's Resize(height); 0 keeps the size (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--no-flip", description = "Do not mirror (default: mirror with probability 1/2).")
  boolean noFlip;

  @Option(
      names = "--translate",
      defaultValue = "2",
      description = "Largest random translation in pixels on each axis, 0 for none (default: ${DEFAULT-VALUE}).")
  int translate;

  @Option(
      names = "--scale",
      converter = ScaleConverter.class,
      paramLabel = "MIN,MAX",
      description = "Random scale factor after the resize, uniform in [MIN, MAX], e.g. 0.5,2.0 (default: none).")
  ScaleRange scale;

  @Option(
      names = "--crop",
      converter = ImageSize.Converter.class,
      paramLabel = "WxH",
      description = "Random WIDTHxHEIGHT window of each sample, padded (image 0, label 255) where the image is smaller (default: the whole image).")
  ImageSize crop;

  @Option(
      names = "--jitter",
      converter = JitterConverter.class,
      paramLabel = "J|B,C,S",
      description = "Colour jitter: brightness, contrast and saturation factors uniform in [1-J, 1+J], one J for all or three (default: none).")
  Jitter jitter;

  @Option(
      names = "--samples-per-shard",
      defaultValue = "64",
      description = "Samples per tar shard (default: ${DEFAULT-VALUE}; some 40-70 MB at 1024x512).")
  int samplesPerShard;

  @Option(names = "--overwrite", description = "Write every shard again, even those a previous run of this job completed.")
  boolean overwrite;

  @Option(names = "--errors", description = "Write failed frames as JSON lines to this file.")
  String errors;

  @Override
  public Integer call() {
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    if (copies < 1) {
      throw usageError("--copies must be at least 1");
    }
    if (samplesPerShard < 1) {
      throw usageError("--samples-per-shard must be at least 1");
    }
    AugmentRecipe recipe;
    try {
      recipe =
          AugmentRecipe.reference().withHeight(height).withFlip(!noFlip).withMaxTranslation(translate);
      if (scale != null) {
        recipe = recipe.withScale(scale.min(), scale.max());
      }
      if (crop != null) {
        recipe = recipe.withCrop(crop.width(), crop.height());
      }
      if (jitter != null) {
        recipe = recipe.withJitter(jitter.brightness(), jitter.contrast(), jitter.saturation());
      }
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
    AugmentPipeline.Config.Builder config =
        AugmentPipeline.Config.builder()
            .setDataset(dataset)
            .setSplits(splits)
            .setOutput(output)
            .setRecipe(recipe)
            .setSeed(seed)
            .setCopies(copies)
            .setSamplesPerShard(samplesPerShard)
            .setOverwrite(overwrite)
            .setErrorsFile(Optional.ofNullable(errors));
    if (labels != null) {
      config.setLabels(labels);
    }
    Pipeline pipeline = Pipeline.create(options);
    AugmentPipeline.build(pipeline, config.build());

    JobRunner.Outcome outcome = JobRunner.of("augment", spec.commandLine().getErr()).run(pipeline);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "augment: %d samples of %d frames written in %d shards, %d frames skipped (shards already written),"
            + " %d failed, in %.1f s (%.2f samples/s)%n",
        outcome.counter(AugmentFrames.SAMPLES_DONE),
        outcome.counter(StageMetrics.FRAMES_DONE),
        outcome.counter(WriteShards.SHARDS_WRITTEN),
        outcome.counter(StageMetrics.FRAMES_SKIPPED),
        outcome.counter(StageMetrics.FAILURES),
        outcome.elapsed().toMillis() / 1000.0,
        outcome.perSecond(AugmentFrames.SAMPLES_DONE));
    out.printf("  %s; seed %d, %d %s of each frame%n", recipe.describe(), seed, copies, copies == 1 ? "copy" : "copies");
    String manifestPath = ShardPlan.manifestPath(output);
    try {
      if (FileBytes.exists(manifestPath)) {
        ShardManifest manifest = ShardManifest.read(manifestPath);
        out.printf(
            "  %s: %d samples of %d frames in %d shards, images %s%n",
            manifestPath,
            manifest.samples(),
            manifest.frames(),
            manifest.shards().size(),
            String.join(", ", manifest.imageSizes().keySet()));
        if (manifest.samples() == 0) {
          out.printf("  no samples: no frames found under %s for split %s, or every frame failed%n", dataset, splits);
          out.flush();
          return 1;
        }
      }
    } catch (IOException e) {
      out.printf("  cannot read %s: %s%n", manifestPath, e.getMessage());
      out.flush();
      return 1;
    }
    return finish(outcome, errors);
  }

  /** A scale range {@code MIN,MAX} on the command line. */
  record ScaleRange(double min, double max) {}

  /** Colour jitter strengths on the command line. */
  record Jitter(double brightness, double contrast, double saturation) {}

  /** {@code MIN,MAX}. */
  static final class ScaleConverter implements ITypeConverter<ScaleRange> {
    @Override
    public ScaleRange convert(String value) {
      double[] numbers = numbers(value);
      if (numbers.length != 2 || !(numbers[0] > 0) || !(numbers[1] >= numbers[0])) {
        throw new TypeConversionException("'" + value + "' is not MIN,MAX with 0 < MIN <= MAX, e.g. 0.5,2.0");
      }
      return new ScaleRange(numbers[0], numbers[1]);
    }
  }

  /** {@code J} or {@code B,C,S}. */
  static final class JitterConverter implements ITypeConverter<Jitter> {
    @Override
    public Jitter convert(String value) {
      double[] numbers = numbers(value);
      if (numbers.length == 1) {
        numbers = new double[] {numbers[0], numbers[0], numbers[0]};
      }
      if (numbers.length != 3 || !(numbers[0] >= 0 && numbers[1] >= 0 && numbers[2] >= 0)) {
        throw new TypeConversionException(
            "'" + value + "' is not one strength J or three B,C,S, each 0 or more, e.g. 0.3 or 0.4,0.4,0.2");
      }
      return new Jitter(numbers[0], numbers[1], numbers[2]);
    }
  }

  private static double[] numbers(String value) {
    String[] parts = value.split(",", -1);
    double[] numbers = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        numbers[i] = Double.parseDouble(parts[i].trim().toLowerCase(Locale.ROOT));
        if (!Double.isFinite(numbers[i])) {
          throw new NumberFormatException(parts[i]);
        }
      }
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a list of numbers");
    }
    return numbers;
  }
}

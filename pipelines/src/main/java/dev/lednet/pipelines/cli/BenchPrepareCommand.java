package dev.lednet.pipelines.cli;

import com.google.common.collect.ImmutableList;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.pipelines.PreparePipeline;
import dev.lednet.pipelines.bench.HeapWatch;
import dev.lednet.pipelines.bench.ReferenceCommand;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.io.WriteFiles;
import dev.lednet.stages.prepare.LabelOutput;
import dev.lednet.stages.synth.SynthesizeFrames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lednet bench prepare}: frames per second of the prepare pipeline on synthetic frames, for
 * labelTrainIds alone and for every output, optionally beside a reference command run on the same
 * frames (the official createTrainIdLabelImgs.py), with a pixel comparison of the two.
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Throughput of 'lednet prepare' on synthetic frames, beside a reference converter.",
      "Times labelTrainIds alone, then all outputs, and an optional reference command on the same"
          + " frames (e.g. the official createTrainIdLabelImgs.py) whose labelTrainIds are compared"
          + " pixel by pixel."
    })
public final class BenchPrepareCommand extends PipelineCommand {

  @Option(names = "--frames", defaultValue = "100", description = "Synthetic frames (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(
      names = "--distinct",
      defaultValue = "40",
      description = {
        "Distinct scenes to synthesize; the other frames reuse their polygons under new frame ids,",
        "which costs the converters the same and saves minutes of rendering (default: ${DEFAULT-VALUE})."
      })
  int distinct;

  @Option(
      names = "--size",
      defaultValue = "2048x1024",
      converter = ImageSize.Converter.class,
      description = "Frame size (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "DirectRunner worker threads, --targetParallelism (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--reference-command",
      description = {
        "A command to time on the same frames; it gets CITYSCAPES_DATASET and must write",
        "<id>_gtFine_labelTrainIds.png beside the polygons, as createTrainIdLabelImgs.py does."
      })
  String referenceCommand;

  @Option(
      names = "--work-dir",
      description = "Where to put the frames; frames already there are reused (default: a temporary directory).")
  Path workDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path work = workDir != null ? workDir : Files.createTempDirectory("lednet-bench-prepare-");
    Path dataset = work.resolve("cityscapes");
    pipelineOptions(PipelineOptions.class); // rejects stray arguments before the long synthesis
    if (countPolygons(dataset) == frames) {
      out.printf("bench prepare: reusing %d synthetic frames in %s%n", frames, dataset);
    } else {
      int scenes = Math.max(1, Math.min(distinct, frames));
      out.printf(
          "bench prepare: %d frames of %s (%d distinct scenes) in %s%n", frames, size, scenes, dataset);
      out.flush();
      synthesize(dataset, scenes);
      replicate(dataset, frames);
    }

    List<String> rows = new java.util.ArrayList<>();
    double trainIdsFps =
        timePrepare(dataset, work.resolve("ours-trainids"), List.of(LabelOutput.LABEL_TRAIN_IDS), rows);
    timePrepare(dataset, work.resolve("ours-all"), List.of(LabelOutput.values()), rows);
    if (referenceCommand != null) {
      ReferenceCommand.Result ref =
          ReferenceCommand.run(referenceCommand, Map.of("CITYSCAPES_DATASET", dataset.toString()));
      double fps = frames / (ref.elapsed().toMillis() / 1000.0);
      if (ref.exitCode() != 0) {
        out.printf("reference command failed with exit code %d; see %s%n", ref.exitCode(), ref.log());
        return 1;
      }
      rows.add(String.format("%-34s %8.2f frames/s  %7.1f s", "reference: labelTrainIds", fps, ref.elapsed().toMillis() / 1000.0));
      long[] compared = compareTrainIds(dataset, work.resolve("ours-trainids"));
      rows.add(
          String.format(
              "ratio (ours / reference, labelTrainIds): %.2fx; identical pixels in %d of %d frames",
              trainIdsFps / fps, compared[0], compared[1]));
    }
    out.println();
    rows.forEach(out::println);
    out.flush();
    return 0;
  }

  private void synthesize(Path dataset, int scenes) {
    Pipeline pipeline = Pipeline.create(directOptions());
    pipeline
        .apply(
            "Synthesize",
            SynthesizeFrames.of(scenes)
                .withSize(size.width(), size.height())
                .withSeed(1)
                .withSplits(List.of("train"))
                .withOutputRoot(dataset.toString()))
        .apply("Write", WriteFiles.create());
    JobRunner.of("synth", spec.commandLine().getErr()).withExpectedFrames(scenes).run(pipeline);
  }

  /** Copies the polygons of the synthesized scenes under new frame ids until there are {@code frames}. */
  private static void replicate(Path dataset, int frames) throws IOException {
    List<Path> scenes;
    try (Stream<Path> files = Files.walk(dataset.resolve("gtFine"))) {
      scenes = files.filter(f -> f.toString().endsWith("_gtFine_polygons.json")).sorted().toList();
    }
    for (int i = scenes.size(); i < frames; i++) {
      Path scene = scenes.get(i % scenes.size());
      FrameId id = FrameId.fromFileName(scene.toString());
      FrameId copy = new FrameId(id.city(), String.format(Locale.ROOT, "%06d", 100000 + i), id.frame());
      Files.copy(scene, scene.resolveSibling(copy.fileName("gtFine_polygons.json")));
    }
  }

  private double timePrepare(Path dataset, Path output, List<LabelOutput> outputs, List<String> rows) {
    Pipeline pipeline = Pipeline.create(directOptions());
    PreparePipeline.build(
        pipeline,
        PreparePipeline.Config.builder()
            .setDataset(dataset.toString())
            .setSplits(ImmutableList.of("train"))
            .setOutputs(outputs)
            .setOutputRoot(Optional.of(output.toString()))
            .setOverwrite(true)
            .build());
    HeapWatch.reset();
    JobRunner.Outcome outcome = JobRunner.of("prepare", new PrintWriter(new StringWriter())).run(pipeline);
    double fps = outcome.perSecond(StageMetrics.FRAMES_DONE);
    String what = outputs.size() == 1 ? outputs.get(0).suffix() : "all " + outputs.size() + " outputs";
    rows.add(
        String.format(
            "%-34s %8.2f frames/s  %7.1f s  peak heap %d MiB",
            "lednet prepare: " + what,
            fps,
            outcome.elapsed().toMillis() / 1000.0,
            HeapWatch.peakMiB()));
    return fps;
  }

  private PipelineOptions directOptions() {
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    if (options.getRunner() == DirectRunner.class) {
      options.as(DirectOptions.class).setTargetParallelism(workers);
    }
    return options;
  }

  private static long countPolygons(Path dataset) throws IOException {
    if (!Files.isDirectory(dataset)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dataset)) {
      return files.filter(f -> f.toString().endsWith("_gtFine_polygons.json")).count();
    }
  }

  /** {identical frames, compared frames}: the reference's labelTrainIds against ours, decoded. */
  private static long[] compareTrainIds(Path dataset, Path ours) throws IOException {
    long identical = 0;
    long compared = 0;
    try (Stream<Path> files = Files.walk(dataset.resolve("gtFine"))) {
      for (Path reference : files.filter(f -> f.toString().endsWith("_gtFine_labelTrainIds.png")).toList()) {
        Path mine = ours.resolve(dataset.relativize(reference));
        compared++;
        if (Files.exists(mine)
            && Png.decode(Files.readAllBytes(reference), reference.toString())
                .equals(Png.decode(Files.readAllBytes(mine), mine.toString()))) {
          identical++;
        }
      }
    }
    return new long[] {identical, compared};
  }
}

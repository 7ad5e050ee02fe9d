package dev.lednet.pipelines.cli;

import dev.lednet.model.ModelFiles;
import dev.lednet.model.Segmenter;
import dev.lednet.model.TorchThreads;
import dev.lednet.pipelines.InferPipeline;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.pipelines.bench.ForwardTimer;
import dev.lednet.pipelines.bench.HeapWatch;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.infer.ModelSpec;
import dev.lednet.stages.infer.SharedSegmenters;
import dev.lednet.stages.synth.StreetSceneGenerator;
import dev.lednet.stages.synth.StreetSceneRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lednet bench infer}: the whole inference pipeline (decode, resize, forward, arg-max,
 * upsample, encode, write) over synthetic frames, next to the raw forward throughput at the same
 * input size and batch in the same JVM, so the ratio is the pipeline's overhead.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Frames/s of 'lednet infer' on synthetic frames beside the raw forward pass at the same input and batch.")
public final class BenchInferCommand extends PipelineCommand {

  @Option(
      names = "--frames",
      defaultValue = "120",
      description = "Frames to segment; fewer let the fixed start-up weigh more (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(
      names = "--size",
      defaultValue = "2048x1024",
      converter = ImageSize.Converter.class,
      description = "Frame size (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(
      names = "--input-size",
      defaultValue = "1024x512",
      converter = ImageSize.Converter.class,
      description = "Network input (default: ${DEFAULT-VALUE}).")
  ImageSize inputSize;

  @Option(names = "--batch-size", defaultValue = "1", description = "Frames per forward; 1 is the fastest on CPU (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--cpu-threads-per-pass",
      defaultValue = "1",
      description = "As for 'lednet infer': libtorch threads per pass, cores / N passes at once; 0: one pass on every core (default: ${DEFAULT-VALUE}).")
  int cpuThreadsPerPass;

  @Option(names = "--model", description = "Model (default: LEDNet with random weights; speed does not depend on them).")
  String model;

  @Option(names = "--work-dir", description = "Keep the frames and outputs here (default: a temporary directory, removed).")
  Path workDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (frames < 1 || batchSize < 1) {
      throw usageError("--frames and --batch-size must be at least 1");
    }
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    PrintWriter out = spec.commandLine().getOut();
    Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("lednet-bench-infer-");
    try {
      Path dataset = work.resolve("cityscapes");
      writeFrames(dataset);
      ModelSpec modelSpec =
          (model == null ? ModelSpec.randomLednet(1) : ModelSpec.of(model))
              .withCpuThreadsPerPass(cpuThreadsPerPass);
      int warmup = 2;
      int runs = Math.max(3, frames / batchSize);

      // What 'lednet bench forward' measures: one pass at a time on every core.
      TorchThreads.set(Runtime.getRuntime().availableProcessors());
      ForwardTimer.Timings alone;
      try (Segmenter segmenter =
          model == null
              ? ModelFiles.randomLednet(1, ModelFiles.Options.defaults())
              : ModelFiles.open(Path.of(model), ModelFiles.Options.defaults())) {
        alone = ForwardTimer.time(segmenter, batchSize, inputSize.height(), inputSize.width(), warmup, runs);
      }
      double forwardFps = 1 / alone.median();

      // The passes alone as the pipeline runs them: its forward slots on the model it shares.
      int passes = SharedSegmenters.passesAtOnce(modelSpec);
      ForwardTimer.Throughput slotted =
          ForwardTimer.concurrent(
              SharedSegmenters.get(modelSpec), passes, batchSize, inputSize.height(), inputSize.width(),
              warmup, Math.max(1, runs / passes));

      HeapWatch.reset();
      Pipeline pipeline = Pipeline.create(options);
      InferPipeline.build(
          pipeline,
          InferPipeline.Config.builder()
              .setDataset(dataset.toString())
              .setSplit("val")
              .setModel(modelSpec)
              .setOutput(work.resolve("out").toString())
              .setInputWidth(inputSize.width())
              .setInputHeight(inputSize.height())
              .setBatchSize(batchSize)
              .setOverwrite(true)
              .build());
      JobRunner.Outcome outcome = JobRunner.of("bench infer", spec.commandLine().getErr()).run(pipeline);
      long done = outcome.counter(StageMetrics.FRAMES_DONE);
      double seconds = outcome.elapsed().toNanos() / 1e9;
      double pipelineFps = done / seconds;
      out.printf(Locale.ROOT, "bench infer: %d frames %s, network input %s, batch %d, model %s%n",
          frames, size, inputSize, batchSize, modelSpec);
      out.printf(Locale.ROOT, "  forward alone, one pass on %d threads: %7.2f frames/s (median %.1f ms/frame over %d batches)%n",
          Runtime.getRuntime().availableProcessors(), forwardFps, alone.median() * 1e3, runs);
      if (passes > 1) {
        out.printf(Locale.ROOT, "  forward alone, %d passes at once:        %7.2f frames/s (the pipeline's forward slots)%n",
            passes, slotted.framesPerSecond());
      }
      out.printf(Locale.ROOT, "  whole pipeline:                         %7.2f frames/s (%d frames in %.1f s, start-up included)%n",
          pipelineFps, done, seconds);
      out.printf(Locale.ROOT, "  pipeline / forward alone: %.2fx%s; peak heap %d MiB of %d MiB%n",
          pipelineFps / forwardFps,
          passes > 1 ? String.format(Locale.ROOT, " (/ its %d passes at once: %.2fx)", passes, pipelineFps / slotted.framesPerSecond()) : "",
          HeapWatch.peakMiB(), Runtime.getRuntime().maxMemory() >> 20);
      out.flush();
      return done == frames ? 0 : 1;
    } finally {
      if (workDir == null) {
        try (Stream<Path> paths = Files.walk(work)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** A few distinct rendered street photos, repeated under frame names of one val city. */
  private void writeFrames(Path dataset) throws IOException {
    Path city = Files.createDirectories(dataset.resolve("leftImg8bit/val/benchcity"));
    StreetSceneGenerator scenes = StreetSceneGenerator.of(size.width(), size.height());
    StreetSceneRenderer renderer = StreetSceneRenderer.create();
    int distinct = Math.min(frames, 4);
    byte[][] photos = new byte[distinct][];
    for (int i = 0; i < distinct; i++) {
      photos[i] = Png.encode(renderer.render(scenes.generate(7, i)));
    }
    for (int i = 0; i < frames; i++) {
      Files.write(
          city.resolve(String.format(Locale.ROOT, "benchcity_000000_%06d_leftImg8bit.png", i)),
          photos[i % distinct]);
    }
  }
}

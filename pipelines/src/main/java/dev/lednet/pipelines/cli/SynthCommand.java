package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.JobRunner;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.io.WriteFiles;
import dev.lednet.stages.synth.SynthesizeFrames;
import java.io.PrintWriter;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lednet synth}: writes a synthetic Cityscapes-format dataset. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a synthetic Cityscapes-format dataset, deterministic for a seed.",
      "Street scenes as gtFine polygons JSON and leftImg8bit photos rendered from them."
    })
public final class SynthCommand extends PipelineCommand {

  @Option(names = "--output", required = true, description = "Dataset root to write (local or gs://).")
  String output;

  @Option(names = "--frames", defaultValue = "10", description = "Number of frames (default: ${DEFAULT-VALUE}).")
  long frames;

  @Option(
      names = "--size",
      defaultValue = "2048x1024",
      converter = ImageSize.Converter.class,
      description = "Frame size WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(
      names = "--splits",
      defaultValue = "train,val,test",
      split = ",",
      description = "Splits that take frames in turn (default: ${DEFAULT-VALUE}).")
  List<String> splits;

  @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--first-index",
      defaultValue = "0",
      description = "Index of the first frame, to add frames to an existing dataset (default: ${DEFAULT-VALUE}).")
  long firstIndex;

  @Override
  public Integer call() {
    if (frames < 1) {
      throw usageError("--frames must be at least 1, got " + frames);
    }
    SynthesizeFrames synthesize;
    try {
      synthesize =
          SynthesizeFrames.of(frames)
              .withSize(size.width(), size.height())
              .withSeed(seed)
              .withSplits(splits)
              .withFirstIndex(firstIndex)
              .withOutputRoot(output);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("Synthesize", synthesize).apply("Write", WriteFiles.create());

    PrintWriter err = spec.commandLine().getErr();
    JobRunner.Outcome outcome = JobRunner.of("synth", err).withExpectedFrames(frames).run(pipeline);
    PrintWriter out = spec.commandLine().getOut();
    long written = outcome.counter(StageMetrics.FILES_WRITTEN);
    out.printf(
        "synth: %d frames (%s, seed %d, splits %s) in %.1f s, %.2f frames/s%n",
        written / 2,
        size,
        seed,
        String.join(",", splits),
        outcome.elapsed().toMillis() / 1000.0,
        outcome.perSecond(StageMetrics.FILES_WRITTEN) / 2);
    out.printf("  %d files written under %s%n", written, output);
    out.flush();
    return outcome.state() == PipelineResult.State.DONE ? 0 : 1;
  }
}

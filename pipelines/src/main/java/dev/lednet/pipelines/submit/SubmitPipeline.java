package dev.lednet.pipelines.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.pipelines.plan.DryRunRunner;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.evaluate.CheckServerPngs;
import dev.lednet.stages.evaluate.ServerPng;
import dev.lednet.stages.io.DiscoverFrames;
import dev.lednet.stages.io.FailureLines;
import dev.lednet.stages.io.WriteLines;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The graph of {@code lednet submit}: the frames of a split (from their {@code leftImg8bit}
 * images), their predictions checked for the Cityscapes server, and what the check found written
 * to a {@link SubmitStaging} directory that the command reads back before it decides to write the
 * zip. The checks run on workers, in parallel and wherever the files are; the zip is one file and
 * is written by the command.
 *
 * @param dataset the dataset root (local or gs://)
 * @param split the split whose frames need predictions
 * @param predictions the predictions root (local or gs://)
 */
public record SubmitPipeline(String dataset, String split, String predictions) {

  /**
   * Runs the check on the runner {@code options} name, with progress lines on {@code progress},
   * and reads back what it found. The staging directory is removed afterwards.
   */
  public SubmitCheck run(PipelineOptions options, PrintWriter progress) throws IOException {
    SubmitStaging staging = SubmitStaging.create(DryRunRunner.stagingTempLocation(options));
    try {
      Pipeline pipeline = Pipeline.create(options);
      build(pipeline, staging);
      JobRunner.Outcome job = JobRunner.of("submit", progress).run(pipeline);
      if (job.state() != PipelineResult.State.DONE) {
        throw new IOException("the submission check ended " + job.state());
      }
      return new SubmitCheck(
          job,
          staging.readFrameCount(),
          staging.readChecked(),
          staging.readFailures(),
          staging.readWarnings());
    } finally {
      staging.delete();
    }
  }

  void build(Pipeline pipeline, SubmitStaging staging) {
    PCollectionTuple found =
        pipeline.apply(
            "DiscoverFrames",
            DiscoverFrames.in(dataset).withSplits(split).withRequired(CheckServerPngs.IMAGE));
    PCollection<Frame> frames = found.get(DiscoverFrames.FRAMES);
    // Counted as data, not read from a metric: attempted metrics may count a retried bundle twice.
    frames
        .apply("CountFrames", Count.globally())
        .apply("FrameCount", MapElements.into(TypeDescriptors.strings()).via((Long count) -> Long.toString(count)))
        .apply("StageFrameCount", WriteLines.to(staging.frameCountPath()));
    PCollectionTuple checked = frames.apply("CheckServerPngs", CheckServerPngs.under(predictions));

    checked
        .get(CheckServerPngs.CHECKED)
        .apply("CheckedLines", MapElements.into(TypeDescriptors.strings()).via(SubmitPipeline::checkedLine))
        .apply("StageChecked", WriteLines.to(staging.checkedPath()));
    PCollectionList.of(found.get(DiscoverFrames.UNPAIRED))
        .and(checked.get(CheckServerPngs.FAILURES))
        .apply("AllFailures", Flatten.pCollections())
        .apply("CountFailures", FailureLines.counted())
        .apply("StageFailures", WriteLines.to(staging.failuresPath()));
    checked
        .get(CheckServerPngs.WARNINGS)
        .apply("WarningLines", FailureLines.uncounted())
        .apply("StageWarnings", WriteLines.to(staging.warningsPath()));
  }

  private static String checkedLine(ServerPng png) {
    try {
      return SubmitStaging.jsonLine(png);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

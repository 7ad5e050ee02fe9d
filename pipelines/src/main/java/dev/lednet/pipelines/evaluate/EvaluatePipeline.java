package dev.lednet.pipelines.evaluate;

import com.google.common.collect.ImmutableSet;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.pipelines.plan.DryRunRunner;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.evaluate.AggregateConfusion;
import dev.lednet.stages.evaluate.ComputeFrameConfusion;
import dev.lednet.stages.evaluate.DatasetConfusion;
import dev.lednet.stages.evaluate.DrawFramePictures;
import dev.lednet.stages.evaluate.FrameConfusion;
import dev.lednet.stages.evaluate.FrameScores;
import dev.lednet.stages.evaluate.IdSpace;
import dev.lednet.stages.evaluate.MatchPredictions;
import dev.lednet.stages.evaluate.StopOnFailures;
import dev.lednet.stages.io.DiscoverFrames;
import dev.lednet.stages.io.FailureLines;
import dev.lednet.stages.io.FileBytes;
import dev.lednet.stages.io.ReadFrameContent;
import dev.lednet.stages.io.WriteFiles;
import dev.lednet.stages.io.WriteLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The graph of {@code lednet evaluate}: ground-truth frames of a split, their predictions found as
 * the official script finds them, confusion counts per frame and in total, per-frame scores and
 * pictures of the worst frames. Everything it produces goes to an {@link EvaluationStaging}
 * directory, small files that the command reads back once the job is done to decide whether the
 * evaluation is complete before it publishes any result. Without {@code allowMissing}, a frame
 * without exactly one prediction stops the evaluation before any image is decoded.
 *
 * @param dataset the dataset root (local or gs://)
 * @param split the split whose {@code gtFine} frames are evaluated
 * @param predictions the predictions root (local or gs://)
 * @param ids labelIds (official) or trainIds (LEDNet's iouEval)
 * @param allowMissing whether frames without exactly one prediction are left out instead of
 *     stopping the evaluation
 * @param worstFrames how many of the worst frames get pictures (0 for none)
 */
public record EvaluatePipeline(
    String dataset, String split, String predictions, IdSpace ids, boolean allowMissing, int worstFrames) {

  /**
   * Runs the evaluation on the runner {@code options} name, with progress lines on {@code
   * progress}, and reads back what it found. The staging directory is removed afterwards.
   */
  public EvaluationResult run(PipelineOptions options, PrintWriter progress) throws IOException {
    EvaluationStaging staging = EvaluationStaging.create(DryRunRunner.stagingTempLocation(options));
    try {
      Pipeline pipeline = Pipeline.create(options);
      build(pipeline, staging);
      JobRunner.Outcome job = JobRunner.of("evaluate", progress).run(pipeline);
      if (job.state() != PipelineResult.State.DONE) {
        throw new IOException("the evaluation job ended " + job.state());
      }
      List<FrameScores> frames = staging.readFrameScores();
      List<FrameScores> worst =
          frames.stream().sorted(FrameScores.byBadness().reversed()).limit(worstFrames).toList();
      return new EvaluationResult(
          job,
          staging.readTotals(),
          frames,
          staging.readFailures(),
          staging.readWarnings(),
          worst,
          staging.readPictures(worst.stream().map(FrameScores::frameId).toList()));
    } finally {
      staging.delete();
    }
  }

  /** Adds the evaluation to {@code pipeline}, its results written to {@code staging}. */
  public void build(Pipeline pipeline, EvaluationStaging staging) {
    PCollectionTuple found =
        pipeline.apply(
            "DiscoverFrames",
            DiscoverFrames.in(dataset).withSplits(split).withRequired(groundTruthComponents()));
    PCollectionTuple matched =
        found.get(DiscoverFrames.FRAMES).apply("MatchPredictions", MatchPredictions.under(predictions));
    PCollection<Failure> unpaired = found.get(DiscoverFrames.UNPAIRED);
    PCollection<Failure> missing = matched.get(MatchPredictions.MISSING);
    PCollection<Failure> blocking =
        allowMissing
            ? unpaired
            : PCollectionList.of(unpaired).and(missing).apply("BlockingProblems", Flatten.pCollections());
    PCollection<Frame> frames =
        matched
            .get(MatchPredictions.MATCHED)
            .apply("StopOnProblems", StopOnFailures.<Frame>unless(blocking));

    PCollectionTuple read = frames.apply("ReadImages", ReadFrameContent.of(imageComponents()));
    PCollectionTuple scored =
        read.get(ReadFrameContent.CONTENT)
            .apply("ComputeConfusion", ComputeFrameConfusion.create().withIds(ids));
    PCollection<FrameConfusion> confusions = scored.get(ComputeFrameConfusion.COUNTS);
    confusions
        .apply("AddUp", AggregateConfusion.globally())
        .apply("StageTotals", ParDo.of(new StageTotalsFn(staging.totalsPath())));
    PCollection<FrameScores> frameScores =
        confusions
            .apply(
                "ScoreEachFrame",
                MapElements.into(TypeDescriptor.of(FrameScores.class)).via(FrameScores::of))
            .setCoder(SerializableCoder.of(FrameScores.class));
    frameScores
        .apply("ToJsonLines", MapElements.into(TypeDescriptors.strings()).via(FrameScores::toJsonLine))
        .apply("StageFrameScores", WriteLines.to(staging.frameScoresPath()));

    PCollectionList<Failure> warnings = PCollectionList.of(scored.get(ComputeFrameConfusion.WARNINGS));
    if (worstFrames > 0) {
      warnings = warnings.and(drawWorstFrames(frames, frameScores, staging));
    }
    PCollectionList.of(unpaired)
        .and(missing)
        .and(read.get(ReadFrameContent.FAILURES))
        .and(scored.get(ComputeFrameConfusion.FAILURES))
        .apply("AllFailures", Flatten.pCollections())
        .apply("CountFailures", FailureLines.counted())
        .apply("StageFailures", WriteLines.to(staging.failuresPath()));
    warnings
        .apply("AllWarnings", Flatten.pCollections())
        .apply("WarningLines", FailureLines.uncounted())
        .apply("StageWarnings", WriteLines.to(staging.warningsPath()));
  }

  /** Pictures of the {@link #worstFrames} lowest-scoring frames, read again (they are few). */
  private PCollection<Failure> drawWorstFrames(
      PCollection<Frame> frames, PCollection<FrameScores> frameScores, EvaluationStaging staging) {
    PCollectionView<List<FrameScores>> worst =
        frameScores
            .apply("FindWorst", Top.of(worstFrames, FrameScores.byBadness()))
            .apply("AsSingleton", View.asSingleton());
    PCollectionTuple pictures =
        frames
            .apply("KeepWorst", ParDo.of(new KeepWorstFn(worst)).withSideInputs(worst))
            .setCoder(frames.getCoder())
            .apply("ReadWorst", ReadFrameContent.of(imageComponents()))
            .get(ReadFrameContent.CONTENT)
            .apply("DrawPictures", DrawFramePictures.to(staging.picturesDir()).withIds(ids));
    pictures.get(DrawFramePictures.PICTURES).apply("StagePictures", WriteFiles.create());
    return pictures.get(DrawFramePictures.FAILURES);
  }

  private Set<String> groundTruthComponents() {
    return ids == IdSpace.LABEL_IDS
        ? ImmutableSet.of(ids.groundTruthComponent(), "gtFine_instanceIds")
        : ImmutableSet.of(ids.groundTruthComponent());
  }

  private Set<String> imageComponents() {
    return ImmutableSet.<String>builder()
        .addAll(groundTruthComponents())
        .add(ComputeFrameConfusion.PREDICTION)
        .build();
  }

  /** Writes the totals with their schema coder, for {@link EvaluationStaging#readTotals()}. */
  static final class StageTotalsFn extends DoFn<DatasetConfusion, Void> {
    private final String path;
    private transient Coder<DatasetConfusion> coder;

    StageTotalsFn(String path) {
      this.path = path;
    }

    @Setup
    public void setup() {
      coder = EvaluationStaging.totalsCoder();
    }

    @ProcessElement
    public void process(@Element DatasetConfusion totals) throws Exception {
      FileBytes.write(path, CoderUtils.encodeToByteArray(coder, totals));
    }
  }

  static final class KeepWorstFn extends DoFn<Frame, Frame> {
    private final PCollectionView<List<FrameScores>> worst;

    KeepWorstFn(PCollectionView<List<FrameScores>> worst) {
      this.worst = worst;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      String id = context.element().getId();
      for (FrameScores scores : context.sideInput(worst)) {
        if (scores.frameId().equals(id)) {
          context.output(context.element());
          return;
        }
      }
    }
  }
}

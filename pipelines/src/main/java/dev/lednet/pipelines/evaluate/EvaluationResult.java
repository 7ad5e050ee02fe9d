package dev.lednet.pipelines.evaluate;

import dev.lednet.pipelines.JobRunner;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.DatasetConfusion;
import dev.lednet.stages.evaluate.FramePictures;
import dev.lednet.stages.evaluate.FrameScores;
import dev.lednet.stages.evaluate.MatchPredictions;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation job found, read back from its staging directory.
 *
 * @param job the job's state, counters and duration
 * @param totals the totals of the frames scored
 * @param frames every scored frame's scores, by frame id
 * @param failures every frame that could not be scored and why, by frame id
 * @param warnings frames scored despite a doubt, by frame id
 * @param worst the worst frames, worst first
 * @param pictures the pictures of the worst frames, by frame id
 */
public record EvaluationResult(
    JobRunner.Outcome job,
    DatasetConfusion totals,
    List<FrameScores> frames,
    List<Failure> failures,
    List<Failure> warnings,
    List<FrameScores> worst,
    Map<String, FramePictures> pictures) {

  /** Frames without exactly one prediction. */
  public List<Failure> missing() {
    return failures.stream().filter(EvaluationResult::isMissing).toList();
  }

  /**
   * The failures that make the result incomplete: all of them, or those other than missing
   * predictions when missing predictions are allowed.
   */
  public List<Failure> blocking(boolean allowMissing) {
    return failures.stream().filter(f -> !allowMissing || !isMissing(f)).toList();
  }

  private static boolean isMissing(Failure failure) {
    return MatchPredictions.STAGE.equals(failure.getStage());
  }
}

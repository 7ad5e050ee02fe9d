package dev.lednet.pipelines.submit;

import dev.lednet.pipelines.JobRunner;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.ServerPng;
import java.util.List;

/**
 * What a submission check found, read back from its staging directory.
 *
 * @param job the job's state, counters and duration
 * @param frames the frames of the split
 * @param checked the PNGs that passed, by entry name
 * @param failures every problem, by frame id then file
 * @param warnings PNGs that pass but are probably not what was meant, by frame id then file
 */
public record SubmitCheck(
    JobRunner.Outcome job, long frames, List<ServerPng> checked, List<Failure> failures, List<Failure> warnings) {

  /** Whether every frame has exactly one valid PNG, so that the zip may be written. */
  public boolean passed() {
    return frames > 0 && failures.isEmpty() && checked.size() == frames;
  }
}

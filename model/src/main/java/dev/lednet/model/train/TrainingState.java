package dev.lednet.model.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping a checkpoint carries beside the tensors: the phase and the last epoch finished
 * in it, the best validation score so far and its epoch, every epoch's record, and the settings
 * the run was started with, which a resumed run must repeat.
 */
public record TrainingState(
    @JsonProperty("format") String format,
    @JsonProperty("phase") String phase,
    @JsonProperty("epoch") int epoch,
    @JsonProperty("bestScore") double bestScore,
    @JsonProperty("bestEpoch") int bestEpoch,
    @JsonProperty("history") List<EpochRecord> history,
    @JsonProperty("settings") Map<String, String> settings) {

  public static final String FORMAT = "lednet-checkpoint/1";

  public TrainingState {
    history = List.copyOf(history);
    settings = Map.copyOf(settings);
  }
}

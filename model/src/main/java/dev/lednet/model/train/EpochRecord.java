package dev.lednet.model.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one epoch did: its learning rate, mean training loss, validation loss and mean IoU (null
 * when not validated), and how fast it went.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(
    @JsonProperty("phase") String phase,
    @JsonProperty("epoch") int epoch,
    @JsonProperty("learningRate") double learningRate,
    @JsonProperty("trainLoss") double trainLoss,
    @JsonProperty("validationLoss") Double validationLoss,
    @JsonProperty("validationMeanIou") Double validationMeanIou,
    @JsonProperty("steps") int steps,
    @JsonProperty("seconds") double seconds,
    @JsonProperty("imagesPerSecond") double imagesPerSecond) {}

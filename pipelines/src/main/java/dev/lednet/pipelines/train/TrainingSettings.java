package dev.lednet.pipelines.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a training run goes, as {@code lednet train} takes it. Everything that changes the result
 * is recorded in checkpoints, and a resumed run must give the same.
 *
 * @param encoderEpochs epochs of the encoder-only phase (0 skips it)
 * @param epochs epochs of the full-network phase (0 skips it)
 * @param classWeights {@code reference} (the reference's fixed weights) or {@code enet} (computed
 *     from the training labels)
 */
public record TrainingSettings(
    int encoderEpochs,
    int epochs,
    int batchSize,
    double learningRate,
    String classWeights,
    long seed,
    int height,
    boolean augment,
    String initialWeights) {

  public TrainingSettings {
    if (encoderEpochs < 0 || epochs < 0 || encoderEpochs + epochs == 0) {
      throw new IllegalArgumentException(
          "nothing to train: give --encoder-epochs and/or --epochs above 0");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1: " + batchSize);
    }
    if (epochs > 0 && batchSize < 2) {
      // The decoder's global-pool branch has one value per channel and image: BatchNorm needs two.
      throw new IllegalArgumentException(
          "training the full network needs --batch-size 2 or more (its pooled branch normalises one"
              + " value per channel and image); batch 1 works for --encoder-epochs only");
    }
    if (!classWeights.equals("reference") && !classWeights.equals("enet")) {
      throw new IllegalArgumentException("--class-weights is reference or enet, not " + classWeights);
    }
  }

  /** The settings as strings, for checkpoints and the report. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("encoderEpochs", Integer.toString(encoderEpochs));
    m.put("epochs", Integer.toString(epochs));
    m.put("batchSize", Integer.toString(batchSize));
    m.put("learningRate", Double.toString(learningRate));
    m.put("classWeights", classWeights);
    m.put("seed", Long.toString(seed));
    m.put("height", Integer.toString(height));
    m.put("augment", Boolean.toString(augment));
    m.put("initialWeights", initialWeights == null ? "" : initialWeights);
    return m;
  }
}

package dev.lednet.model.train;

/**
 * The reference's per-epoch poly schedule: epoch {@code e} (1-based) of {@code E} trains with
 * {@code lr * (1 - (e - 1) / E)^0.9}.
 */
public record PolyLearningRate(double baseRate, int epochs) {

  public static final double POWER = 0.9;

  public PolyLearningRate {
    if (!(baseRate > 0) || epochs < 1) {
      throw new IllegalArgumentException(
          "a learning rate above 0 and at least one epoch are needed, got " + baseRate + ", " + epochs);
    }
  }

  public float at(int epoch) {
    if (epoch < 1 || epoch > epochs) {
      throw new IllegalArgumentException("epoch " + epoch + " is outside 1.." + epochs);
    }
    return (float) (baseRate * Math.pow(1 - (epoch - 1) / (double) epochs, POWER));
  }
}

package dev.lednet.model.train;

/**
 * The reference's two training phases: first the encoder alone, scored by {@code
 * encoder.output_conv} at 1/8 of the input size against labels resized to it; then the whole
 * network, which does not use {@code output_conv}. Each phase optimises only what its forward
 * uses, as PyTorch's Adam skips parameters without a gradient.
 */
public enum TrainingPhase {
  ENCODER("encoder", 8),
  FULL("full", 1);

  private static final String OUTPUT_CONV = "encoder.output_conv.";

  private final String label;
  private final int labelDivisor;

  TrainingPhase(String label, int labelDivisor) {
    this.label = label;
    this.labelDivisor = labelDivisor;
  }

  /** The name used in options, files and reports. */
  public String label() {
    return label;
  }

  /** Labels are this many times smaller than the input in each direction. */
  public int labelDivisor() {
    return labelDivisor;
  }

  /** Whether the parameter with this state_dict key is trained in this phase. */
  public boolean trains(String key) {
    return this == ENCODER ? key.startsWith("encoder.") : !key.startsWith(OUTPUT_CONV);
  }

  public static TrainingPhase parse(String text) {
    for (TrainingPhase p : values()) {
      if (p.label.equalsIgnoreCase(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown training phase '" + text + "'; use encoder or full");
  }
}

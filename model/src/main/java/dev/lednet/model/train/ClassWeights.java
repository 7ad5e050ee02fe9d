package dev.lednet.model.train;

import java.util.Arrays;

/**
 * Per-class weights of the training loss, one per network output class. The last class of the
 * 20-class network is void (trainId 255 is relabelled to it, as in the reference) and always
 * weighs 0, so void pixels neither add to the loss nor to its normaliser.
 */
public final class ClassWeights {

  /** The reference trainer's hand-set weights for the encoder phase (train/main.py). */
  private static final double[] REFERENCE_ENCODER = {
    2.3653597831726, 4.4237880706787, 2.9691488742828, 5.3442072868347, 5.2983593940735,
    5.2275490760803, 5.4394111633301, 5.3659925460815, 3.4170460700989, 5.2414722442627,
    4.7376127243042, 5.2286224365234, 5.455126285553, 4.3019247055054, 5.4264230728149,
    5.4331531524658, 5.433765411377, 5.4631009101868, 5.3947434425354
  };

  /** The reference trainer's hand-set weights for the full network. */
  private static final double[] REFERENCE_DECODER = {
    2.8149201869965, 6.9850029945374, 3.7890393733978, 9.9428062438965, 9.7702074050903,
    9.5110931396484, 10.311357498169, 10.026463508606, 4.6323022842407, 9.5608062744141,
    7.8698215484619, 9.5168733596802, 10.373730659485, 6.6616044044495, 10.260489463806,
    10.287888526917, 10.289801597595, 10.405355453491, 10.138095855713
  };

  /** ENet's class balancing constant: w = 1 / ln(c + p). */
  public static final double ENET_C = 1.02;

  private final float[] weights;

  private ClassWeights(float[] weights) {
    this.weights = weights;
  }

  /** The reference's fixed weights for the encoder or the full network, void last with 0. */
  public static ClassWeights reference(boolean encoderPhase) {
    return withVoid(encoderPhase ? REFERENCE_ENCODER : REFERENCE_DECODER);
  }

  /**
   * ENet's weights from a label histogram: {@code 1 / ln(1.02 + p)} where {@code p} is the share
   * of class {@code c} among the labelled (non-void) pixels.
   *
   * @param counts pixels per train class, void excluded
   */
  public static ClassWeights enet(long[] counts) {
    long total = Arrays.stream(counts).sum();
    if (total == 0) {
      throw new IllegalArgumentException("the label histogram is empty: no labelled pixel to weigh");
    }
    double[] w = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      w[c] = 1 / Math.log(ENET_C + counts[c] / (double) total);
    }
    return withVoid(w);
  }

  /** Weights given directly, void last with 0. */
  public static ClassWeights of(double... classWeights) {
    return withVoid(classWeights);
  }

  private static ClassWeights withVoid(double[] w) {
    float[] out = new float[w.length + 1];
    for (int c = 0; c < w.length; c++) {
      out[c] = (float) w[c];
    }
    return new ClassWeights(out);
  }

  /** Weights of the network's output classes, void (0) last. */
  public float[] toArray() {
    return weights.clone();
  }

  /** The number of network outputs these weights are for (train classes plus void). */
  public int outputs() {
    return weights.length;
  }

  @Override
  public String toString() {
    return Arrays.toString(weights);
  }
}

package dev.lednet.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The reference's {@code CrossEntropyLoss2d}: {@code NLLLoss(weight)} of the log-softmax over the
 * class axis, i.e. {@code sum_i w[y_i] * -log p_i(y_i) / sum_i w[y_i]}. A batch whose pixels all
 * weigh 0 has loss 0 (PyTorch would give NaN and poison the weights).
 */
public final class WeightedCrossEntropy {

  private final float[] weights;

  public WeightedCrossEntropy(ClassWeights weights) {
    this.weights = weights.toArray();
  }

  /**
   * @param scores NCHW class scores, C equal to the weights' outputs
   * @param labels N1HW int64 class indices in [0, C)
   */
  public NDArray loss(NDArray scores, NDArray labels) {
    if (scores.getShape().get(1) != weights.length) {
      throw new IllegalArgumentException(
          "the network gives "
              + scores.getShape().get(1)
              + " classes but the loss has "
              + weights.length
              + " class weights");
    }
    NDManager m = scores.getManager();
    NDArray classWeights = m.create(weights).toDevice(scores.getDevice(), false);
    NDArray pixelWeights = classWeights.take(labels);
    NDArray picked = scores.logSoftmax(1).gather(labels, 1);
    NDArray normaliser = pixelWeights.sum().maximum(Float.MIN_NORMAL);
    return picked.mul(pixelWeights).sum().neg().div(normaliser).toType(DataType.FLOAT32, false);
  }
}

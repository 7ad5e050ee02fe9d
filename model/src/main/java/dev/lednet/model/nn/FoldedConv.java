package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A convolution with the following inference-mode batch normalisation folded into its weight and
 * bias: one convolution instead of a convolution and a normalisation pass over the feature map.
 * The arrays are owned by the caller's manager and hold no gradient.
 */
public final class FoldedConv {

  private final Conv geometry;
  private final NDArray weight;
  private final NDArray bias;

  private FoldedConv(Conv geometry, NDArray weight, NDArray bias) {
    this.geometry = geometry;
    this.weight = weight;
    this.bias = bias;
  }

  /**
   * Folds {@code bn} (channels {@code from} .. {@code from + conv.outChannels()}) into {@code
   * conv}: {@code w' = w * s}, {@code b' = b * s + t} with {@code s, t} from the running
   * statistics, computed in float64 and rounded once.
   */
  public static FoldedConv of(Conv conv, BatchNorm2d bn, int from) {
    NDArray[] st = bn.inferenceScaleShift();
    int to = from + conv.outChannels();
    NDArray s = st[0].get("{}:{}", from, to);
    NDArray t = st[1].get("{}:{}", from, to);
    NDArray w =
        conv.weight()
            .getArray()
            .toType(DataType.FLOAT64, false)
            .mul(s.reshape(-1, 1, 1, 1))
            .toType(DataType.FLOAT32, false);
    NDArray b =
        conv.bias()
            .getArray()
            .toType(DataType.FLOAT64, false)
            .mul(s)
            .add(t)
            .toType(DataType.FLOAT32, false);
    return new FoldedConv(conv, w, b);
  }

  public NDArray apply(NDArray x) {
    return geometry.apply(x, weight, bias);
  }
}

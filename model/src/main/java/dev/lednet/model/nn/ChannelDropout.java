package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@code nn.Dropout2d} in training: whole channels are zeroed with probability p and the rest
 * scaled by 1/(1-p), one draw per (sample, channel).
 */
public final class ChannelDropout {

  private ChannelDropout() {}

  public static NDArray apply(NDArray x, float p) {
    if (p <= 0f) {
      return x;
    }
    Shape s = x.getShape();
    NDArray keep =
        x.getManager()
            .randomUniform(0f, 1f, new Shape(s.get(0), s.get(1), 1, 1), DataType.FLOAT32, x.getDevice())
            .gte(p)
            .toType(DataType.FLOAT32, false);
    return x.mul(keep.div(1f - p));
  }
}

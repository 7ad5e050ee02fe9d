package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing of NCHW maps with {@code align_corners=True}, as PyTorch's {@code
 * F.interpolate} computes it; DJL's PyTorch {@code interpolation} drops the flag. The source
 * coordinate and its weights are computed in float32 the way libtorch does, then the two axes are
 * blended one after the other (two gathers and a lerp per axis, linear in the output size).
 */
public final class AlignCornersBilinear {

  private AlignCornersBilinear() {}

  public static NDArray resize(NDArray x, long height, long width) {
    Shape s = x.getShape();
    NDArray rows = resizeAxis(x, 2, s.get(2), height);
    return resizeAxis(rows, 3, s.get(3), width);
  }

  private static NDArray resizeAxis(NDArray x, int axis, long in, long out) {
    if (in == out) {
      return x;
    }
    long[] lo = new long[(int) out];
    long[] hi = new long[(int) out];
    float[] frac = new float[(int) out];
    // libtorch: scale = (in - 1) / (out - 1) as float, src = scale * dst, floor, clamp the upper.
    float scale = out > 1 ? (float) (in - 1) / (float) (out - 1) : 0f;
    for (int i = 0; i < out; i++) {
      float src = scale * i;
      int i0 = (int) src;
      lo[i] = i0;
      hi[i] = i0 < in - 1 ? i0 + 1 : i0;
      frac[i] = src - i0;
    }
    NDManager m = x.getManager();
    long[] weightShape = axis == 2 ? new long[] {1, 1, out, 1} : new long[] {1, 1, 1, out};
    NDArray a = take(x, axis, m.create(lo));
    NDArray b = take(x, axis, m.create(hi));
    NDArray w = m.create(frac, new Shape(weightShape)).toDevice(x.getDevice(), false);
    // a + w * (b - a): libtorch's (1 - w) * a + w * b, equal up to float rounding.
    return a.add(b.sub(a).mul(w));
  }

  private static NDArray take(NDArray x, int axis, NDArray index) {
    NDArray i = index.toDevice(x.getDevice(), false);
    return axis == 2 ? x.get(":, :, {}", i) : x.get(":, :, :, {}", i);
  }
}

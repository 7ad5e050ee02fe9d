package dev.lednet.model.lednet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.BatchNorm2d;
import dev.lednet.model.nn.Conv;
import dev.lednet.model.nn.FoldedConv;
import dev.lednet.model.nn.MaxPool2x2;
import dev.lednet.model.nn.NamedBlock;

/**
 * LEDNet's downsampler: a strided 3x3 convolution to {@code out - in} channels concatenated
 * before a 2x2 max-pool of the input, then BatchNorm and ReLU; halves height and width.
 */
final class DownsamplerBlock extends NamedBlock implements Foldable {

  private final int in;
  private final int out;
  private final Conv conv;
  private final BatchNorm2d bn;
  private FoldedConv foldedConv;
  private NDArray poolScale;
  private NDArray poolShift;

  DownsamplerBlock(int in, int out) {
    this.in = in;
    this.out = out;
    conv = child("conv", Conv.square(in, out - in, 3, 2, 1));
    bn = child("bn", new BatchNorm2d(out, Lednet.BN_EPSILON));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(scoped(inputs.singletonOrThrow(), x -> downsample(ps, x, training, params)));
  }

  private NDArray downsample(
      ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
    NDArray pooled = MaxPool2x2.apply(x, training);
    if (!training && foldedConv != null) {
      NDArray convolved = foldedConv.apply(x);
      NDArray pooledNormalised = padTo(pooled, convolved).mul(poolScale).add(poolShift);
      return Activation.relu(NDArrays.concat(new NDList(convolved, pooledNormalised), 1));
    }
    NDArray convolved = conv.forward(ps, new NDList(x), training, params).singletonOrThrow();
    NDArray joined = NDArrays.concat(new NDList(convolved, padTo(pooled, convolved)), 1);
    return Activation.relu(bn.forward(ps, new NDList(joined), training, params).singletonOrThrow());
  }

  /** Odd sizes: the pool output is one short of the convolution's; pad as the reference does. */
  private static NDArray padTo(NDArray pooled, NDArray convolved) {
    long dy = convolved.getShape().get(2) - pooled.getShape().get(2);
    long dx = convolved.getShape().get(3) - pooled.getShape().get(3);
    if (dy == 0 && dx == 0) {
      return pooled;
    }
    return pooled.pad(new Shape(dx / 2, dx - dx / 2, dy / 2, dy - dy / 2), 0);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape c = conv.getOutputShapes(inputShapes)[0];
    return new Shape[] {new Shape(c.get(0), out, c.get(2), c.get(3))};
  }

  @Override
  public void foldBatchNorm() {
    foldedConv = FoldedConv.of(conv, bn, 0);
    NDArray[] st = bn.inferenceScaleShift();
    poolScale = st[0].get("{}:", out - in).reshape(1, -1, 1, 1).toType(DataType.FLOAT32, false);
    poolShift = st[1].get("{}:", out - in).reshape(1, -1, 1, 1).toType(DataType.FLOAT32, false);
  }

  @Override
  public void unfoldBatchNorm() {
    foldedConv = null;
    poolScale = null;
    poolShift = null;
  }
}

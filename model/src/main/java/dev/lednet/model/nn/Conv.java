package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A 2-d convolution with PyTorch's {@code nn.Conv2d} parameter names ({@code weight}, {@code
 * bias}), geometry given per axis as (height, width).
 */
public final class Conv extends NamedBlock {

  private final int in;
  private final int out;
  private final Shape kernel;
  private final Shape stride;
  private final Shape padding;
  private final Shape dilation;
  private final Parameter weight;
  private final Parameter bias;

  private Conv(int in, int out, Shape kernel, Shape stride, Shape padding, Shape dilation) {
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    // PyTorch's default: kaiming-uniform with a=sqrt(5), i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
    float bound = (float) (1.0 / Math.sqrt((double) in * kernel.get(0) * kernel.get(1)));
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel.get(0), kernel.get(1)))
                .optInitializer(new UniformInitializer(bound))
                .build());
    this.bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(out))
                .optInitializer(new UniformInitializer(bound))
                .build());
  }

  /** A square kernel with the same stride, padding and dilation on both axes. */
  public static Conv square(int in, int out, int kernel, int stride, int padding) {
    return new Conv(
        in,
        out,
        new Shape(kernel, kernel),
        new Shape(stride, stride),
        new Shape(padding, padding),
        new Shape(1, 1));
  }

  /** A (kh x kw) kernel, stride 1, with per-axis padding and dilation. */
  public static Conv of(int in, int out, Shape kernel, Shape padding, Shape dilation) {
    return new Conv(in, out, kernel, new Shape(1, 1), padding, dilation);
  }

  public int inChannels() {
    return in;
  }

  public int outChannels() {
    return out;
  }

  public Parameter weight() {
    return weight;
  }

  public Parameter bias() {
    return bias;
  }

  /** Convolves with the given weight and bias but this layer's geometry (for folded weights). */
  public NDArray apply(NDArray x, NDArray w, NDArray b) {
    return Conv2d.conv2d(x, w, b, stride, padding, dilation, 1).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(
        apply(
            x,
            ps.getValue(weight, x.getDevice(), training),
            ps.getValue(bias, x.getDevice(), training)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), out, outSize(s.get(2), 0), outSize(s.get(3), 1))};
  }

  private long outSize(long size, int axis) {
    long effective = dilation.get(axis) * (kernel.get(axis) - 1) + 1;
    return (size + 2 * padding.get(axis) - effective) / stride.get(axis) + 1;
  }
}

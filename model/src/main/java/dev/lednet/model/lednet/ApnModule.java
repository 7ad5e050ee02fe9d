package dev.lednet.model.lednet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.AlignCornersBilinear;
import dev.lednet.model.nn.GlobalAveragePool;
import dev.lednet.model.nn.NamedBlock;
import dev.lednet.model.nn.Sequence;

/**
 * LEDNet's attention pyramid network (reference {@code APN_Module}): a 1-channel pyramid (7x7,
 * 5x5, 3x3 strided convolutions, merged back up with align-corners bilinear upsampling) weights
 * a 1x1 projection of the features, and a global-pooling branch is added.
 */
final class ApnModule extends NamedBlock {

  private final NamedBlock branch1;
  private final NamedBlock mid;
  private final NamedBlock down1;
  private final NamedBlock down2;
  private final NamedBlock down3;
  private final NamedBlock conv2;
  private final NamedBlock conv1;
  private final int out;

  ApnModule(int in, int out) {
    this.out = out;
    branch1 = child("branch1", Sequence.of(new GlobalAveragePool(), new ConvBnRelu(in, out, 1, 1, 0)));
    mid = child("mid", Sequence.of(new ConvBnRelu(in, out, 1, 1, 0)));
    down1 = child("down1", new ConvBnRelu(in, 1, 7, 2, 3));
    down2 = child("down2", new ConvBnRelu(1, 1, 5, 2, 2));
    down3 = child("down3", Sequence.of(new ConvBnRelu(1, 1, 3, 2, 1), new ConvBnRelu(1, 1, 3, 1, 1)));
    conv2 = child("conv2", new ConvBnRelu(1, 1, 5, 1, 2));
    conv1 = child("conv1", new ConvBnRelu(1, 1, 7, 1, 3));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(scoped(inputs.singletonOrThrow(), x -> pyramid(ps, x, training, params)));
  }

  private NDArray pyramid(
      ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDArray b1 =
        AlignCornersBilinear.resize(run(branch1, ps, x, training, params), h, w);
    NDArray middle = run(mid, ps, x, training, params);
    NDArray x1 = run(down1, ps, x, training, params);
    NDArray x2 = run(down2, ps, x1, training, params);
    NDArray x3 = AlignCornersBilinear.resize(run(down3, ps, x2, training, params), h / 4, w / 4);
    NDArray pyramid = run(conv2, ps, x2, training, params).add(x3);
    pyramid = AlignCornersBilinear.resize(pyramid, h / 2, w / 2);
    pyramid = pyramid.add(run(conv1, ps, x1, training, params));
    pyramid = AlignCornersBilinear.resize(pyramid, h, w);
    return pyramid.mul(middle).add(b1);
  }

  private static NDArray run(
      NamedBlock b, ParameterStore ps, NDArray x, boolean training, PairList<String, Object> p) {
    return b.forward(ps, new NDList(x), training, p).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
  }
}

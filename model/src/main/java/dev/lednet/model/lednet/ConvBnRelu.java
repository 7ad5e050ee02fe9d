package dev.lednet.model.lednet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.BatchNorm2d;
import dev.lednet.model.nn.Conv;
import dev.lednet.model.nn.FoldedConv;
import dev.lednet.model.nn.NamedBlock;
import dev.lednet.model.nn.Relu;
import dev.lednet.model.nn.Sequence;

/** The reference {@code Conv2dBnRelu}: {@code conv = Sequential(Conv2d, BatchNorm2d(eps=1e-3), ReLU)}. */
final class ConvBnRelu extends NamedBlock implements Foldable {

  private final Conv conv;
  private final BatchNorm2d bn;
  private FoldedConv folded;

  ConvBnRelu(int in, int out, int kernel, int stride, int padding) {
    conv = Conv.square(in, out, kernel, stride, padding);
    bn = new BatchNorm2d(out, Lednet.BN_EPSILON);
    child("conv", Sequence.of(conv, bn, new Relu()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (!training && folded != null) {
      return new NDList(Activation.relu(folded.apply(inputs.singletonOrThrow())));
    }
    return namedChildren().get("conv").forward(ps, inputs, training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }

  @Override
  public void foldBatchNorm() {
    folded = FoldedConv.of(conv, bn, 0);
  }

  @Override
  public void unfoldBatchNorm() {
    folded = null;
  }
}

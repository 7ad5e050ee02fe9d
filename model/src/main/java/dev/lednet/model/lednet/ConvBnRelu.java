package dev.lednet.model.lednet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.BatchNorm2d;
import dev.lednet.model.nn.Conv;
import dev.lednet.model.nn.NamedBlock;
import dev.lednet.model.nn.Relu;
import dev.lednet.model.nn.Sequence;

/**
 * The reference {@code Conv2dBnRelu}: {@code conv = Sequential(Conv2d, BatchNorm2d(eps=1e-3),
 * ReLU)}. Not folded for inference: the APN's single-channel units are cheap, and folding their
 * BatchNorm can move scores by more than 1e-4 when a unit's running variance is small.
 */
final class ConvBnRelu extends NamedBlock {

  private final Conv conv;

  ConvBnRelu(int in, int out, int kernel, int stride, int padding) {
    conv = Conv.square(in, out, kernel, stride, padding);
    child("conv", Sequence.of(conv, new BatchNorm2d(out, Lednet.BN_EPSILON), new Relu()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return namedChildren().get("conv").forward(ps, inputs, training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }
}

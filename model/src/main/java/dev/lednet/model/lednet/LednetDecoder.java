package dev.lednet.model.lednet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.AlignCornersBilinear;
import dev.lednet.model.nn.NamedBlock;

/** LEDNet's decoder: the APN at 1/8 resolution, then align-corners bilinear upsampling. */
final class LednetDecoder extends NamedBlock {

  static final long REFERENCE_HEIGHT = 512;
  static final long REFERENCE_WIDTH = 1024;

  private final NamedBlock apn;
  private final DecoderMode mode;

  LednetDecoder(int classes, DecoderMode mode) {
    this.mode = mode;
    apn = child("apn", new ApnModule(128, classes));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray scores = apn.forward(ps, inputs, training, params).singletonOrThrow();
    Shape out = outputSize(scores.getShape());
    return new NDList(scoped(scores, s -> AlignCornersBilinear.resize(s, out.get(2), out.get(3))));
  }

  NamedBlock apn() {
    return apn;
  }

  private Shape outputSize(Shape features) {
    return mode == DecoderMode.REFERENCE
        ? new Shape(features.get(0), features.get(1), REFERENCE_HEIGHT, REFERENCE_WIDTH)
        : new Shape(features.get(0), features.get(1), features.get(2) * 8, features.get(3) * 8);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {outputSize(apn.getOutputShapes(inputShapes)[0])};
  }
}

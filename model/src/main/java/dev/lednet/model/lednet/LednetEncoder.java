package dev.lednet.model.lednet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.Conv;
import dev.lednet.model.nn.NamedBlock;
import dev.lednet.model.nn.Sequence;

/**
 * LEDNet's encoder: downsampler 3->32, three units of 32 channels, downsampler 32->64, two units,
 * downsampler 64->128, eight units with dilations 1, 2, 5, 9, 2, 5, 9, 17; 1/8 of the input size.
 * {@code output_conv} (128 -> classes, 1x1) is used only when training the encoder alone.
 */
final class LednetEncoder extends NamedBlock {

  static final int[] LAST_STAGE_DILATIONS = {1, 2, 5, 9, 2, 5, 9, 17};

  private final NamedBlock initialBlock;
  private final Sequence layers;
  private final Conv outputConv;

  LednetEncoder(int classes) {
    initialBlock = child("initial_block", new DownsamplerBlock(3, 32));
    layers = new Sequence();
    for (int i = 0; i < 3; i++) {
      layers.add(new SplitShuffleUnit(32, 0.03f, 1));
    }
    layers.add(new DownsamplerBlock(32, 64));
    for (int i = 0; i < 2; i++) {
      layers.add(new SplitShuffleUnit(64, 0.03f, 1));
    }
    layers.add(new DownsamplerBlock(64, 128));
    for (int dilation : LAST_STAGE_DILATIONS) {
      layers.add(new SplitShuffleUnit(128, 0.3f, dilation));
    }
    child("layers", layers);
    outputConv = child("output_conv", Conv.square(128, classes, 1, 1, 0));
  }

  /** Features at 1/8 resolution, 128 channels. */
  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return layers.forward(ps, initialBlock.forward(ps, inputs, training, params), training, params);
  }

  /** The encoder-only prediction of the first training phase: class scores at 1/8 resolution. */
  NDList predict(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return outputConv.forward(ps, forward(ps, inputs, training, params), training, params);
  }

  Sequence layers() {
    return layers;
  }

  NamedBlock initialBlock() {
    return initialBlock;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return layers.getOutputShapes(initialBlock.getOutputShapes(inputShapes));
  }
}

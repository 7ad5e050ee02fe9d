package dev.lednet.model.lednet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.NamedBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LEDNet (Wang et al., 2019) as a DJL block, parameter for parameter the reference {@code Net}
 * of xiaoyufenfei/LEDNet: {@code encoder} and {@code decoder} with the reference's state_dict
 * keys. Input is NCHW float RGB; output NCHW class scores.
 *
 * <p>The reference needs height and width to be multiples of 32 (the APN pyramid halves the 1/8
 * features three times). In {@link DecoderMode#INPUT} any size is accepted: the input is padded
 * with zeros at the bottom and right to the next multiple of 32 and the scores are cropped back.
 */
public final class Lednet extends NamedBlock {

  /** Every BatchNorm of the reference uses eps 1e-3. */
  static final float BN_EPSILON = 1e-3f;

  /** Height and width must be multiples of this for the network's own arithmetic. */
  public static final int SIZE_MULTIPLE = 32;

  private final int classes;
  private final DecoderMode mode;
  private final LednetEncoder encoder;
  private final LednetDecoder decoder;

  private Lednet(int classes, DecoderMode mode) {
    this.classes = classes;
    this.mode = mode;
    encoder = child("encoder", new LednetEncoder(classes));
    decoder = child("decoder", new LednetDecoder(classes, mode));
  }

  /** The reference network, {@code Net(classes)}; LEDNet on Cityscapes uses 20 (19 + void). */
  public static Lednet create(int classes, DecoderMode mode) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be positive: " + classes);
    }
    return new Lednet(classes, mode);
  }

  LednetEncoder encoder() {
    return encoder;
  }

  LednetDecoder decoder() {
    return decoder;
  }

  public int classes() {
    return classes;
  }

  public DecoderMode mode() {
    return mode;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDArray padded = padToMultiple(x);
    NDList features = encoder.forward(ps, new NDList(padded), training, params);
    NDArray scores = decoder.forward(ps, features, training, params).singletonOrThrow();
    if (padded != x) {
      scores = scores.get(":, :, :{}, :{}", h, w);
    }
    return new NDList(scores);
  }

  /**
   * The first training phase's output: {@code encoder.output_conv} class scores at 1/8 of the
   * input size (the reference's {@code forward(input, only_encode=True)}).
   */
  public NDList forwardEncoderOnly(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    requireMultiple(inputs.singletonOrThrow().getShape());
    return encoder.predict(ps, inputs, training, params);
  }

  private NDArray padToMultiple(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 4 || s.get(1) != 3) {
      throw new IllegalArgumentException("LEDNet takes NCHW RGB input (N, 3, H, W), got " + s);
    }
    long padH = padding(s.get(2));
    long padW = padding(s.get(3));
    if (padH == 0 && padW == 0) {
      return x;
    }
    if (mode == DecoderMode.REFERENCE) {
      requireMultiple(s);
    }
    return x.pad(new Shape(0, padW, 0, padH), 0);
  }

  private static long padding(long size) {
    return (SIZE_MULTIPLE - size % SIZE_MULTIPLE) % SIZE_MULTIPLE;
  }

  private static void requireMultiple(Shape s) {
    if (s.get(2) % SIZE_MULTIPLE != 0 || s.get(3) % SIZE_MULTIPLE != 0) {
      throw new IllegalArgumentException(
          String.format(
              "the reference decoder needs height and width that are multiples of %d, got %dx%d"
                  + " (height x width); use the input decoder mode, which pads and crops",
              SIZE_MULTIPLE, s.get(2), s.get(3)));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    Shape padded = new Shape(s.get(0), s.get(1), s.get(2) + padding(s.get(2)), s.get(3) + padding(s.get(3)));
    Shape out = decoder.getOutputShapes(encoder.getOutputShapes(new Shape[] {padded}))[0];
    return mode == DecoderMode.REFERENCE
        ? new Shape[] {out}
        : new Shape[] {new Shape(out.get(0), out.get(1), s.get(2), s.get(3))};
  }

  /** Folds every inference-mode BatchNorm into its convolution (see {@link #unfoldBatchNorm}). */
  public void foldBatchNorm() {
    visitFoldable(this, true);
  }

  /** Returns to the separate convolution and BatchNorm computation, e.g. for training. */
  public void unfoldBatchNorm() {
    visitFoldable(this, false);
  }

  private static void visitFoldable(Block block, boolean fold) {
    if (block instanceof Foldable f) {
      if (fold) {
        f.foldBatchNorm();
      } else {
        f.unfoldBatchNorm();
      }
    }
    for (Block child : block.getChildren().values()) {
      visitFoldable(child, fold);
    }
  }

  /** The number of learnable values (weights, biases, BatchNorm scales and shifts). */
  public static long countLearnable(Map<String, Parameter> parameters, String excludePrefix) {
    long n = 0;
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      Parameter.Type t = e.getValue().getType();
      boolean learnable = t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR;
      if (learnable && (excludePrefix == null || !e.getKey().startsWith(excludePrefix))) {
        n += e.getValue().getShape().size();
      }
    }
    return n;
  }

  /** One row per layer of the reference structure, with its output shape for {@code input}. */
  public List<LayerRow> layerTable(Shape input) {
    List<LayerRow> rows = new ArrayList<>();
    Shape[] s = {input};
    s = row(rows, "encoder.initial_block", encoder.initialBlock(), s);
    for (Map.Entry<String, NamedBlock> e : encoder.layers().namedChildren().entrySet()) {
      s = row(rows, "encoder.layers." + e.getKey(), e.getValue(), s);
    }
    Shape features = s[0];
    s = row(rows, "decoder.apn", decoder.apn(), s);
    rows.add(
        new LayerRow(
            "decoder (upsample, align_corners)",
            "bilinear",
            decoder.getOutputShapes(new Shape[] {features})[0],
            0));
    return rows;
  }

  private static Shape[] row(List<LayerRow> rows, String name, NamedBlock block, Shape[] in) {
    Shape[] out = block.getOutputShapes(in);
    rows.add(
        new LayerRow(
            name,
            block.getClass().getSimpleName(),
            out[0],
            countLearnable(block.stateDictParameters(), null)));
    return out;
  }

  /** A row of {@link #layerTable}. */
  public record LayerRow(String name, String type, Shape output, long parameters) {}
}

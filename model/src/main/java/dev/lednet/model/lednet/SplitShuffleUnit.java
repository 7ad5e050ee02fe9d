package dev.lednet.model.lednet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lednet.model.nn.BatchNorm2d;
import dev.lednet.model.nn.ChannelDropout;
import dev.lednet.model.nn.Conv;
import dev.lednet.model.nn.FoldedConv;
import dev.lednet.model.nn.NamedBlock;

/**
 * LEDNet's split-shuffle non-bottleneck unit (reference {@code SS_nbt_module}): the channels are
 * split in halves; each half passes two factorised 3x1/1x3 pairs (the right half starting with
 * 1x3, the second pair dilated), BatchNorm after each pair; the halves are concatenated, added to
 * the unsplit input, passed through ReLU and shuffled in two groups.
 */
final class SplitShuffleUnit extends NamedBlock implements Foldable {

  private final int channels;
  private final float dropProbability;
  private final Branch left;
  private final Branch right;

  /** One half: {@code first -> relu -> second -> bn1 -> relu -> third -> relu -> fourth -> bn2}. */
  private static final class Branch {
    final Conv first;
    final Conv second;
    final BatchNorm2d bn1;
    final Conv third;
    final Conv fourth;
    final BatchNorm2d bn2;
    FoldedConv secondFolded;
    FoldedConv fourthFolded;

    Branch(Conv first, Conv second, BatchNorm2d bn1, Conv third, Conv fourth, BatchNorm2d bn2) {
      this.first = first;
      this.second = second;
      this.bn1 = bn1;
      this.third = third;
      this.fourth = fourth;
      this.bn2 = bn2;
    }

    NDArray forward(ParameterStore ps, NDArray x, boolean training, PairList<String, Object> p) {
      NDArray y = Activation.relu(run(first, ps, x, training, p));
      if (!training && secondFolded != null) {
        y = Activation.relu(secondFolded.apply(y));
        y = Activation.relu(run(third, ps, y, training, p));
        return fourthFolded.apply(y);
      }
      y = Activation.relu(run(bn1, ps, run(second, ps, y, training, p), training, p));
      y = Activation.relu(run(third, ps, y, training, p));
      return run(bn2, ps, run(fourth, ps, y, training, p), training, p);
    }

    private static NDArray run(
        NamedBlock b, ParameterStore ps, NDArray x, boolean training, PairList<String, Object> p) {
      return b.forward(ps, new NDList(x), training, p).singletonOrThrow();
    }
  }

  SplitShuffleUnit(int channels, float dropProbability, int dilation) {
    this.channels = channels;
    this.dropProbability = dropProbability;
    left = registerBranch("l", channels / 2, dilation, false);
    right = registerBranch("r", channels / 2, dilation, true);
  }

  /**
   * Registers one half's layers in the reference's attribute order (hence its state_dict order):
   * {@code conv3x1_1, conv1x3_1, bn1, conv3x1_2, conv1x3_2, bn2}. The right half runs each pair
   * 1x3 first.
   */
  private Branch registerBranch(String side, int half, int dilation, boolean oneByThreeFirst) {
    float eps = Lednet.BN_EPSILON;
    Conv c31 = child("conv3x1_1_" + side, Conv.of(half, half, shape(3, 1), shape(1, 0), shape(1, 1)));
    Conv c13 = child("conv1x3_1_" + side, Conv.of(half, half, shape(1, 3), shape(0, 1), shape(1, 1)));
    BatchNorm2d bn1 = child("bn1_" + side, new BatchNorm2d(half, eps));
    Conv c31d =
        child(
            "conv3x1_2_" + side,
            Conv.of(half, half, shape(3, 1), shape(dilation, 0), shape(dilation, 1)));
    Conv c13d =
        child(
            "conv1x3_2_" + side,
            Conv.of(half, half, shape(1, 3), shape(0, dilation), shape(1, dilation)));
    BatchNorm2d bn2 = child("bn2_" + side, new BatchNorm2d(half, eps));
    return oneByThreeFirst
        ? new Branch(c13, c31, bn1, c13d, c31d, bn2)
        : new Branch(c31, c13, bn1, c31d, c13d, bn2);
  }

  private static Shape shape(long h, long w) {
    return new Shape(h, w);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(scoped(inputs.singletonOrThrow(), x -> unit(ps, x, training, params)));
  }

  private NDArray unit(
      ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
    NDList halves = x.split(new long[] {channels / 2}, 1);
    NDArray x0 = halves.get(0);
    NDArray x1 = halves.get(1);
    NDArray l = left.forward(ps, dense(x0), training, params);
    NDArray r = right.forward(ps, dense(x1), training, params);
    if (training) {
      l = ChannelDropout.apply(l, dropProbability);
      r = ChannelDropout.apply(r, dropProbability);
    }
    // The reference concatenates the halves, adds the input, applies ReLU and shuffles in two
    // groups (channel g*C/2 + i to 2*i + g): four passes over full-size maps. Adding each half's
    // own input first and stacking the halves on an axis after the channels gives the shuffled
    // order with one copy. Without autograd the branch outputs are ours to overwrite.
    l = Activation.relu(training ? l.add(x0) : l.addi(x0));
    r = Activation.relu(training ? r.add(x1) : r.addi(x1));
    Shape s = x.getShape();
    return NDArrays.stack(new NDList(l, r), 2).reshape(s.get(0), s.get(1), s.get(2), s.get(3));
  }

  /**
   * A channel slice of a batch of one is already dense (libtorch ignores the stride of a size-1
   * dimension), as after the reference's {@code contiguous()}; larger batches need the copy,
   * since libtorch's fast convolutions want dense input.
   */
  private static NDArray dense(NDArray half) {
    return half.getShape().get(0) == 1 ? half : half.duplicate();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  public void foldBatchNorm() {
    for (Branch b : new Branch[] {left, right}) {
      b.secondFolded = FoldedConv.of(b.second, b.bn1, 0);
      b.fourthFolded = FoldedConv.of(b.fourth, b.bn2, 0);
    }
  }

  @Override
  public void unfoldBatchNorm() {
    for (Branch b : new Branch[] {left, right}) {
      b.secondFolded = null;
      b.fourthFolded = null;
    }
  }
}

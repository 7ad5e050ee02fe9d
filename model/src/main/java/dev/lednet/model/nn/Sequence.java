package dev.lednet.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** PyTorch's {@code nn.Sequential} / {@code nn.ModuleList}: children named 0, 1, 2, ... run in order. */
public final class Sequence extends NamedBlock {

  public Sequence add(NamedBlock block) {
    child(Integer.toString(namedChildren().size()), block);
    return this;
  }

  public static Sequence of(NamedBlock... blocks) {
    Sequence s = new Sequence();
    for (NamedBlock b : blocks) {
      s.add(b);
    }
    return s;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    for (NamedBlock b : namedChildren().values()) {
      x = b.forward(ps, x, training, params);
    }
    return x;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] s = inputShapes;
    for (NamedBlock b : namedChildren().values()) {
      s = b.getOutputShapes(s);
    }
    return s;
  }
}

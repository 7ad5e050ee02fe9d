package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A DJL block whose children and parameters carry the names PyTorch gives them, so that the whole
 * tree flattens to the keys of a PyTorch {@code state_dict} ({@code encoder.layers.7.bn1_l.weight}).
 * DJL numbers its child names internally; this class keeps the PyTorch names beside them.
 */
public abstract class NamedBlock extends AbstractBlock {

  private final Map<String, NamedBlock> named = new LinkedHashMap<>();

  protected NamedBlock() {
    super((byte) 1);
  }

  /** Adds a child under its PyTorch attribute name (or list index). */
  protected final <B extends NamedBlock> B child(String name, B block) {
    if (named.putIfAbsent(name, block) != null) {
      throw new IllegalArgumentException("duplicate child name " + name);
    }
    return addChildBlock(name, block);
  }

  /** The children by PyTorch name, in registration order. */
  public final Map<String, NamedBlock> namedChildren() {
    return Collections.unmodifiableMap(named);
  }

  /** Every parameter of this subtree keyed as in PyTorch's {@code state_dict()}. */
  public final Map<String, Parameter> stateDictParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> out) {
    for (Parameter p : getDirectParameters().values()) {
      out.put(prefix + p.getName(), p);
    }
    for (Map.Entry<String, NamedBlock> e : named.entrySet()) {
      e.getValue().collect(prefix + e.getKey() + ".", out);
    }
  }

  /**
   * Runs {@code body} on {@code x} in a scope that frees every intermediate array on return; only
   * the result stays, with {@code x}'s manager. Without it a forward holds every feature map of the
   * network until its caller closes the batch: gigabytes at 1024x512, where PyTorch holds a few.
   * Autograd keeps its own references, so training still sees what it saved.
   */
  protected static NDArray scoped(NDArray x, UnaryOperator<NDArray> body) {
    try (NDManager scope = NDManager.subManagerOf(x)) {
      scope.tempAttachAll(x);
      return scope.ret(body.apply(x));
    }
  }

  /** Parameter shapes are fixed at construction, so children need no shape inference. */
  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : named.values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }
}

package dev.lednet.model.weights;

import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;

/**
 * A pickled object of a class this package does not know (an {@code nn.Module}, a numpy scalar in a
 * checkpoint): kept as its class name, constructor arguments and state, never executed, so that the
 * parts of a checkpoint that are not weights cannot break reading it and an error can say what the
 * file holds.
 */
final class PythonObject {

  /** A class or function named in a pickle; calling it makes a {@link PythonObject}. */
  record Global(String module, String name) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      return new PythonObject(this, args);
    }

    @Override
    public String toString() {
      return module + "." + name;
    }
  }

  private final Global type;
  private final Object[] args;
  private Object state;

  PythonObject(Global type, Object[] args) {
    this.type = type;
    this.args = args;
  }

  Global type() {
    return type;
  }

  Object[] args() {
    return args;
  }

  /** What a pickle's BUILD gave the object: for most classes its {@code __dict__}. */
  void setState(Object state) {
    this.state = state;
  }

  /** Whether this is a pickled {@code torch.nn.Module}, which keeps its submodules in _modules. */
  boolean isTorchModule() {
    return state instanceof Map<?, ?> dict
        && dict.containsKey("_modules")
        && dict.containsKey("_parameters");
  }

  @Override
  public String toString() {
    return type + " object";
  }
}

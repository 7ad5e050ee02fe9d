package dev.lednet.model.weights;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.razorvine.pickle.IObjectConstructor;

/**
 * Finds the state dict in what a {@code torch.save} file holds: the object itself when it is
 * tensors by name ({@code model.state_dict()}), or the {@code 'state_dict'} entry of a training
 * checkpoint ({@code {'epoch': 3, 'state_dict': ..., 'optimizer': ...}}), whose other entries are
 * ignored. Anything else is refused with a description of what was found.
 */
final class PickledStateDict {

  private PickledStateDict() {}

  /** The tensors by name, in pickle order; an error says what {@code file} holds instead. */
  static Map<String, TorchTensor> tensorsIn(Object root, Path file) throws WeightsFileException {
    try {
      return tensorsOf(root);
    } catch (IllegalArgumentException e) {
      throw new WeightsFileException(file, e.getMessage(), e);
    }
  }

  /** Copies each tensor's view of its storage, whose bytes must have been read. */
  static StateDict materialise(Map<String, TorchTensor> tensors, Path file)
      throws WeightsFileException {
    StateDict.Builder stateDict = StateDict.builder();
    for (Map.Entry<String, TorchTensor> entry : tensors.entrySet()) {
      try {
        stateDict.put(entry.getKey(), entry.getValue().materialise());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new WeightsFileException(
            file, "tensor '" + entry.getKey() + "': " + e.getMessage(), e);
      }
    }
    return stateDict.build();
  }

  private static Map<String, TorchTensor> tensorsOf(Object root) {
    if (root instanceof Map<?, ?> dict) {
      if (dict.containsKey("state_dict") && !(dict.get("state_dict") instanceof TorchTensor)) {
        Object inner = dict.get("state_dict");
        if (!(inner instanceof Map<?, ?> innerDict)) {
          throw new IllegalArgumentException(
              "a checkpoint whose 'state_dict' entry is " + describe(inner) + ", not a dict");
        }
        return tensorMap(innerDict, "the checkpoint's 'state_dict'");
      }
      return tensorMap(dict, "the pickled dict");
    }
    if (root instanceof PythonObject object && object.isTorchModule()) {
      throw new IllegalArgumentException(
          String.format(
              "a pickled nn.Module (%s), not a state_dict: reading it needs its Python class;"
                  + " save model.state_dict() instead",
              object.type()));
    }
    throw new IllegalArgumentException(
        String.format(
            "the file holds %s, not a state_dict (a dict of tensors) or a checkpoint dict with a"
                + " 'state_dict' entry",
            describe(root)));
  }

  private static Map<String, TorchTensor> tensorMap(Map<?, ?> dict, String what) {
    Map<String, TorchTensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : dict.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(
            String.format(
                "%s has key %s (%s), not a str: a state_dict maps names to tensors. It holds %s",
                what, entry.getKey(), describe(entry.getKey()), describe(dict)));
      }
      if (!(entry.getValue() instanceof TorchTensor tensor)) {
        throw new IllegalArgumentException(
            String.format(
                "%s entry '%s' is %s, not a tensor; expected a state_dict or a checkpoint dict with"
                    + " a 'state_dict' entry. It holds %s",
                what, key, describe(entry.getValue()), describe(dict)));
      }
      tensors.put(key, tensor);
    }
    return tensors;
  }

  /** What a pickled value is, in Python's words, for error messages. */
  static String describe(Object value) {
    if (value == null) {
      return "None";
    } else if (value instanceof String) {
      return "a str";
    } else if (value instanceof Boolean) {
      return "a bool";
    } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return "an int";
    } else if (value instanceof Double) {
      return "a float";
    } else if (value instanceof byte[]) {
      return "bytes";
    } else if (value instanceof Object[] tuple) {
      return "a tuple of " + tuple.length;
    } else if (value instanceof List<?> list) {
      return "a list of " + list.size();
    } else if (value instanceof Map<?, ?> dict) {
      return "a dict with keys "
          + dict.keySet().stream()
              .limit(12)
              .map(k -> k instanceof String s ? "'" + s + "'" : String.valueOf(k))
              .collect(Collectors.joining(", ", "[", dict.size() > 12 ? ", ...]" : "]"));
    } else if (value instanceof TorchTensor || value instanceof PythonObject) {
      return "a " + value;
    } else if (value instanceof TorchStorage) {
      return "a bare storage";
    } else if (value instanceof PythonObject.Global global) {
      return "the class or function " + global;
    } else if (value instanceof IObjectConstructor) {
      return "a Python class or function";
    }
    return "a " + value.getClass().getSimpleName();
  }
}

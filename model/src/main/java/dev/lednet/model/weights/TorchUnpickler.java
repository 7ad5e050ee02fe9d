package dev.lednet.model.weights;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler taught what {@code torch.save} pickles: tensors rebuilt from persistent
 * storage ids, {@code OrderedDict}s that keep their order, parameters. It runs no Python and looks
 * up no class: every global it does not know becomes a {@link PythonObject}, so a checkpoint's
 * optimizer state or a pickled module is read, not executed, and nothing is registered in
 * Pyrolite's JVM-wide constructor table.
 *
 * <p>Pyrolite 4.30 handles these opcodes in ways torch files need otherwise: it turns a persistent
 * id tuple into its {@code toString()}, builds dicts as {@code HashMap}s (losing the order of a
 * state dict) and calls {@code __setstate__} by reflection on BUILD; and it allocates whatever
 * length a corrupt file declares. {@link #dispatch} handles those opcodes itself.
 */
final class TorchUnpickler extends Unpickler {

  private final Function<Object[], Object> persistentLoad;
  private SizedInput sized;

  /** {@code persistentLoad} maps a persistent id tuple to the object it stands for. */
  TorchUnpickler(Function<Object[], Object> persistentLoad) {
    this.persistentLoad = persistentLoad;
  }

  /** Reads one pickle, up to and including its STOP opcode. */
  Object load(SizedInput in) throws IOException {
    sized = in;
    return super.load(in);
  }

  @Override
  protected Object dispatch(short opcode) throws IOException {
    switch (opcode) {
      case Opcodes.BINPERSID -> {
        if (!(stack.pop() instanceof Object[] id)) {
          throw new PickleException("a persistent id that is not a tuple; torch writes tuples");
        }
        stack.add(persistentLoad.apply(id));
      }
      case Opcodes.PERSID -> throw new PickleException("a text persistent id; torch writes tuples");
      case Opcodes.GLOBAL -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(global(module, name));
      }
      case Opcodes.STACK_GLOBAL -> {
        String name = (String) stack.pop();
        String module = (String) stack.pop();
        stack.add(global(module, name));
      }
      case Opcodes.INST -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        List<Object> args = stack.pop_all_since_marker();
        stack.add(global(module, name).construct(args.toArray()));
      }
      case Opcodes.BUILD -> {
        Object state = stack.pop();
        if (stack.peek() instanceof PythonObject object) {
          object.setState(state);
        }
        // Anything else (an OrderedDict's _metadata) has no state worth keeping.
      }
      case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
      case Opcodes.DICT -> {
        Map<Object, Object> dict = new LinkedHashMap<>();
        putPairs(stack.pop_all_since_marker(), dict);
        stack.add(dict);
      }
      case Opcodes.SETITEMS -> {
        List<Object> pairs = stack.pop_all_since_marker();
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
        putPairs(pairs, dict);
      }
      case Opcodes.BINUNICODE ->
          stack.add(new String(readCounted(unsignedIntLength()), StandardCharsets.UTF_8));
      case Opcodes.BINUNICODE8 ->
          stack.add(new String(readCounted(longLength()), StandardCharsets.UTF_8));
      case Opcodes.BINSTRING ->
          stack.add(PickleUtils.rawStringFromBytes(readCounted(signedIntLength())));
      case Opcodes.BINBYTES -> stack.add(readCounted(unsignedIntLength()));
      case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(readCounted(longLength()));
      case Opcodes.LONG4 -> stack.add(PickleUtils.decode_long(readCounted(signedIntLength())));
      default -> {
        return super.dispatch(opcode);
      }
    }
    return NO_RETURN_VALUE;
  }

  private static void putPairs(List<Object> items, Map<Object, Object> dict) {
    if (items.size() % 2 != 0) {
      throw new PickleException("a dict with an odd number of keys and values");
    }
    for (int i = 0; i < items.size(); i += 2) {
      dict.put(items.get(i), items.get(i + 1));
    }
  }

  private long unsignedIntLength() throws IOException {
    return PickleUtils.bytes_to_uint(PickleUtils.readbytes(input, 4), 0);
  }

  private long signedIntLength() throws IOException {
    return PickleUtils.bytes_to_integer(PickleUtils.readbytes(input, 4));
  }

  private long longLength() throws IOException {
    return PickleUtils.bytes_to_long(PickleUtils.readbytes(input, 8), 0);
  }

  private byte[] readCounted(long length) throws IOException {
    if (length < 0 || length > sized.remaining()) {
      throw new PickleException(
          "a value of " + length + " bytes where only " + sized.remaining() + " are left");
    }
    return PickleUtils.readbytes(input, (int) length);
  }

  /** What a pickle's global names: the few torch needs as code, anything else as a name. */
  static IObjectConstructor global(String module, String name) {
    return switch (module + "." + name) {
      case "collections.OrderedDict" -> TorchUnpickler::orderedDict;
      case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" ->
          TorchUnpickler::rebuildTensor;
      case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" ->
          TorchUnpickler::rebuildParameter;
      case "torch._tensor._rebuild_from_type_v2" -> TorchUnpickler::rebuildFromType;
      default -> new PythonObject.Global(module, name);
    };
  }

  /** {@code OrderedDict()}; its items follow as SETITEMS. */
  private static Object orderedDict(Object[] args) {
    Map<Object, Object> dict = new LinkedHashMap<>();
    if (args.length == 1 && args[0] instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof Object[] pair) || pair.length != 2) {
          throw new PickleException("OrderedDict item that is not a (key, value) pair");
        }
        dict.put(pair[0], pair[1]);
      }
    } else if (args.length != 0) {
      throw new PickleException("OrderedDict with " + args.length + " arguments");
    }
    return dict;
  }

  /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, ...)}. */
  private static Object rebuildTensor(Object[] args) {
    if (args.length < 4 || !(args[0] instanceof TorchStorage storage)) {
      throw new PickleException("_rebuild_tensor without a storage as its first argument");
    }
    try {
      return new TorchTensor(
          storage,
          toLong(args[1], "storage offset"),
          longs(args[2], "size"),
          longs(args[3], "stride"));
    } catch (IllegalArgumentException e) {
      throw new PickleException("bad tensor: " + e.getMessage(), e);
    }
  }

  /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: a Parameter is its data. */
  private static Object rebuildParameter(Object[] args) {
    if (args.length < 1 || !(args[0] instanceof TorchTensor tensor)) {
      throw new PickleException("_rebuild_parameter without a tensor as its first argument");
    }
    return tensor;
  }

  /** {@code _rebuild_from_type_v2(func, new_type, args, state)}: a tensor with Python state. */
  private static Object rebuildFromType(Object[] args) {
    if (args.length < 3
        || !(args[0] instanceof IObjectConstructor function)
        || !(args[2] instanceof Object[] functionArgs)) {
      throw new PickleException("_rebuild_from_type_v2 without a function and its arguments");
    }
    return function.construct(functionArgs);
  }

  private static long[] longs(Object tuple, String what) {
    if (!(tuple instanceof Object[] items)) {
      throw new PickleException("tensor " + what + " is not a tuple");
    }
    long[] values = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      values[i] = toLong(items[i], what);
    }
    return values;
  }

  /** A pickled int as a long; Pyrolite gives Integer, Long or BigInteger by size. */
  static long toLong(Object value, String what) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    throw new PickleException(what + " is " + PickledStateDict.describe(value) + ", not an int64");
  }

  /**
   * What went wrong reading a pickle, for an error message: the message of Pyrolite's and I/O
   * exceptions, the class too for anything else (a bare IndexOutOfBounds from a corrupt stack).
   */
  static String explain(Exception e) {
    if (e instanceof PickleException || e instanceof IOException) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return e.toString();
  }
}

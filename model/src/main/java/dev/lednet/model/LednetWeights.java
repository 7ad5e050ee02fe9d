package dev.lednet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.lednet.model.lednet.Lednet;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.TensorData;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Moves weights between the Java LEDNet and PyTorch state dicts by key, as PyTorch's strict
 * {@code load_state_dict} does: every key must be present with its shape, and no key may be left
 * over (BatchNorm's {@code num_batches_tracked} counters excepted: inference has no use for them).
 */
public final class LednetWeights {

  private static final String BATCHES_TRACKED = ".num_batches_tracked";

  private LednetWeights() {}

  /** Copies {@code weights} into the initialised {@code net}, or changes nothing and says why. */
  public static void load(Lednet net, StateDict weights, String source)
      throws IncompatibleWeightsException {
    Map<String, Parameter> params = net.stateDictParameters();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      TensorData t = weights.contains(e.getKey()) ? weights.get(e.getKey()) : null;
      long[] expected = e.getValue().getArray().getShape().getShape();
      if (t == null) {
        problems.add("missing key " + e.getKey() + " " + Arrays.toString(expected));
      } else if (!Arrays.equals(t.shape(), expected)) {
        problems.add(
            "key "
                + e.getKey()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", the network needs "
                + Arrays.toString(expected));
      }
    }
    for (String key : weights.keys()) {
      if (!params.containsKey(key) && !key.endsWith(BATCHES_TRACKED)) {
        problems.add("unexpected key " + key + " " + Arrays.toString(weights.get(key).shape()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IncompatibleWeightsException(source, problems);
    }
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      e.getValue().getArray().set(FloatBuffer.wrap(weights.get(e.getKey()).toFloats()));
    }
  }

  /**
   * The network's weights as a PyTorch-compatible state dict, with a zero {@code
   * num_batches_tracked} beside every BatchNorm so that the reference's strict loading accepts it.
   */
  public static StateDict export(Lednet net) {
    StateDict.Builder out = StateDict.builder();
    for (Map.Entry<String, Parameter> e : net.stateDictParameters().entrySet()) {
      NDArray a = e.getValue().getArray();
      out.put(e.getKey(), TensorData.ofFloats(a.getShape().getShape(), a.toFloatArray()));
      if (e.getValue().getType() == Parameter.Type.RUNNING_VAR) {
        String prefix = e.getKey().substring(0, e.getKey().length() - "running_var".length());
        out.put(prefix + "num_batches_tracked", TensorData.ofLongs(new long[0], 0L));
      }
    }
    return out.build();
  }
}

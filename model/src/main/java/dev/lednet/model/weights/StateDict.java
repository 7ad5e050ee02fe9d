package dev.lednet.model.weights;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * A model's weights as PyTorch's {@code state_dict()} names them ({@code "0.weight"}, {@code
 * "1.running_mean"}), in the order the file had them. Immutable.
 */
public final class StateDict {

  private final ImmutableMap<String, TensorData> tensors;

  private StateDict(ImmutableMap<String, TensorData> tensors) {
    this.tensors = tensors;
  }

  /** The entries of {@code tensors} in its iteration order. */
  public static StateDict of(Map<String, TensorData> tensors) {
    return new StateDict(ImmutableMap.copyOf(tensors));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects entries in order; a key given twice is an error, as it is in no PyTorch model. */
  public static final class Builder {
    private final ImmutableMap.Builder<String, TensorData> tensors = ImmutableMap.builder();

    private Builder() {}

    public Builder put(String key, TensorData tensor) {
      tensors.put(key, tensor);
      return this;
    }

    public StateDict build() {
      return new StateDict(tensors.buildOrThrow());
    }
  }

  /** An unmodifiable view, in file order. */
  public Map<String, TensorData> asMap() {
    return tensors;
  }

  /** The keys in file order. */
  public List<String> keys() {
    return tensors.keySet().asList();
  }

  public int size() {
    return tensors.size();
  }

  public boolean contains(String key) {
    return tensors.containsKey(key);
  }

  /** The tensor named {@code key}; a missing key is an error that lists the keys there are. */
  public TensorData get(String key) {
    TensorData tensor = tensors.get(key);
    if (tensor == null) {
      throw new NoSuchElementException(
          "no tensor '" + key + "' in the state dict; it has " + keys());
    }
    return tensor;
  }

  /**
   * This state dict with {@code prefix} cut from every key if every key starts with it (what {@code
   * nn.DataParallel} adds: {@code "module."}); otherwise this state dict unchanged, since cutting
   * it from only some keys would make names the model does not have.
   */
  public StateDict withoutSharedPrefix(String prefix) {
    if (tensors.isEmpty() || !tensors.keySet().stream().allMatch(k -> k.startsWith(prefix))) {
      return this;
    }
    Builder builder = builder();
    tensors.forEach((key, tensor) -> builder.put(key.substring(prefix.length()), tensor));
    return builder.build();
  }

  /** Equal entries, in any order. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StateDict that && tensors.equals(that.tensors);
  }

  @Override
  public int hashCode() {
    return tensors.hashCode();
  }

  /** Keys with types and shapes, for example {@code {0.weight=float32[3, 2, 3, 3], ...}}. */
  @Override
  public String toString() {
    return tensors.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}

package dev.lednet.model.weights;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.PickleException;

/**
 * The persistent ids of a {@code torch.save} pickle: {@code ('storage', torch.FloatStorage, key,
 * location, numel)} in zip files, with a sixth item, the storage view (usually None), in legacy
 * files, and {@code ('module', class, file, source)} for the classes of a legacy pickled module.
 * Each storage key gives one {@link TorchStorage}, however many tensors view it.
 */
final class StorageIds implements Function<Object[], Object> {

  private final Map<String, TorchStorage> storages = new HashMap<>();
  private final Map<String, TorchStorage> views = new HashMap<>();

  @Override
  public Object apply(Object[] id) {
    String kind = id.length > 0 ? String.valueOf(id[0]) : "";
    if (kind.equals("module") && id.length > 1) {
      // The class of a pickled nn.Module, with its source for torch's change check.
      return id[1];
    }
    if (!kind.equals("storage") || id.length < 5) {
      throw new PickleException("a persistent id torch does not write: " + describe(id));
    }
    if (!(id[1] instanceof PythonObject.Global type)) {
      throw new PickleException("a storage id whose type is " + id[1] + ", not a storage class");
    }
    DType dtype =
        DType.ofTorchStorage(type.name())
            .orElseThrow(() -> new PickleException("tensors of " + type + " are not supported"));
    String key = String.valueOf(id[2]);
    long numel = TorchUnpickler.toLong(id[4], "storage size");
    TorchStorage storage = storages.computeIfAbsent(key, k -> TorchStorage.of(k, dtype, numel));
    if (storage.dtype() != dtype || storage.numel() != numel) {
      throw new PickleException("storage " + key + " is named with two types or sizes");
    }
    if (id.length > 5 && id[5] != null) {
      return view(storage, id[5]);
    }
    return storage;
  }

  /** A legacy storage view: {@code (view_key, offset, size)} in elements of the root storage. */
  private TorchStorage view(TorchStorage root, Object metadata) {
    if (!(metadata instanceof Object[] view) || view.length != 3) {
      throw new PickleException("a storage view that is not (key, offset, size)");
    }
    long offset = TorchUnpickler.toLong(view[1], "storage view offset");
    long size = TorchUnpickler.toLong(view[2], "storage view size");
    try {
      return views.computeIfAbsent(String.valueOf(view[0]), k -> root.slice(offset, size));
    } catch (IllegalArgumentException e) {
      throw new PickleException(e.getMessage(), e);
    }
  }

  /** The storage the file names {@code key}, if the pickle named it. */
  TorchStorage storage(String key) {
    return storages.get(key);
  }

  /** A short account of a persistent id that is not torch's, for the error message. */
  private static String describe(Object[] id) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < Math.min(id.length, 6); i++) {
      text.append(i == 0 ? "" : ", ");
      if (id[i] instanceof String s) {
        text.append('\'')
            .append(s, 0, Math.min(s.length(), 20))
            .append(s.length() > 20 ? "...'" : "'");
      } else if (id[i] instanceof Number || id[i] instanceof PythonObject.Global) {
        text.append(id[i]);
      } else {
        text.append(PickledStateDict.describe(id[i]));
      }
    }
    return text.append(id.length > 6 ? ", ...)" : ")").toString();
  }
}

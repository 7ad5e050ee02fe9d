package dev.lednet.model.weights;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.razorvine.pickle.PickleException;

/**
 * Reads the format {@code torch.save} wrote before PyTorch 1.6 (and still writes with {@code
 * _use_new_zipfile_serialization=False}), in which the LEDNet reference trainer saved its
 * checkpoints: five pickles (magic number, protocol version 1001, system info, the object, the
 * sorted list of storage keys), then for each key its element count as 8 little-endian bytes and
 * its raw bytes. The file is read front to back once; storages only the optimizer uses are skipped.
 */
final class TorchLegacyReader {

  private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  private static final int PROTOCOL = 1001;
  private static final Function<Object[], Object> NO_IDS =
      id -> {
        throw new PickleException("a persistent id outside the object pickle");
      };

  private TorchLegacyReader() {}

  static StateDict read(Path file) throws IOException {
    try (SizedInput in =
        new SizedInput(
            new BufferedInputStream(Files.newInputStream(file), 1 << 16), Files.size(file))) {
      if (!MAGIC.equals(unpickle(in, NO_IDS, file, "the magic number"))) {
        throw new WeightsFileException(
            file,
            "a pickle, but not a torch.save file: it does not start with torch's magic number");
      }
      Object protocol = unpickle(in, NO_IDS, file, "the protocol version");
      if (!Integer.valueOf(PROTOCOL).equals(protocol)) {
        throw new WeightsFileException(
            file, "legacy torch.save protocol " + protocol + "; only " + PROTOCOL + " is read");
      }
      if (unpickle(in, NO_IDS, file, "the system info") instanceof Map<?, ?> info
          && Boolean.FALSE.equals(info.get("little_endian"))) {
        throw new WeightsFileException(file, "written on a big-endian machine, which is not read");
      }
      StorageIds ids = new StorageIds();
      Object root = unpickle(in, ids, file, "the saved object");
      Object keys = unpickle(in, NO_IDS, file, "the storage key list");
      if (!(keys instanceof List<?> keyList)) {
        throw new WeightsFileException(
            file, "the storage key list is " + PickledStateDict.describe(keys));
      }
      Map<String, TorchTensor> tensors = PickledStateDict.tensorsIn(root, file);
      Set<TorchStorage> needed = new HashSet<>();
      tensors.values().forEach(t -> needed.add(t.storage().root()));
      for (Object key : keyList) {
        readStorage(in, ids.storage(String.valueOf(key)), String.valueOf(key), needed, file);
      }
      for (Map.Entry<String, TorchTensor> entry : tensors.entrySet()) {
        if (!entry.getValue().storage().hasData()) {
          throw new WeightsFileException(
              file,
              "the storage of tensor '" + entry.getKey() + "' is not in the file's storage list");
        }
      }
      return PickledStateDict.materialise(tensors, file);
    }
  }

  private static Object unpickle(
      SizedInput in, Function<Object[], Object> ids, Path file, String what)
      throws WeightsFileException {
    try {
      return new TorchUnpickler(ids).load(in);
    } catch (IOException | RuntimeException e) {
      throw new WeightsFileException(
          file,
          "cannot unpickle " + what + " (truncated or corrupt?): " + TorchUnpickler.explain(e),
          e);
    }
  }

  private static void readStorage(
      SizedInput in, TorchStorage storage, String key, Set<TorchStorage> needed, Path file)
      throws WeightsFileException {
    if (storage == null) {
      throw new WeightsFileException(
          file, "storage " + key + " is listed but no pickled tensor names it");
    }
    try {
      byte[] header = in.readNBytes(8);
      if (header.length < 8) {
        throw new WeightsFileException(file, "truncated: the file ends before storage " + key);
      }
      long count = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (count != storage.numel()) {
        throw new WeightsFileException(
            file,
            String.format(
                "storage %s has %d elements in the file, %d in the pickle",
                key, count, storage.numel()));
      }
      long bytes = storage.byteCount();
      if (bytes > in.remaining()) {
        throw new WeightsFileException(
            file,
            String.format(
                "truncated: storage %s needs %d bytes, %d are left", key, bytes, in.remaining()));
      }
      if (!needed.contains(storage)) {
        in.skipNBytes(bytes);
      } else if (bytes > Integer.MAX_VALUE - 8) {
        throw new WeightsFileException(
            file, "storage " + key + " is too large: " + bytes + " bytes");
      } else {
        storage.setData(in.readNBytes((int) bytes));
      }
    } catch (WeightsFileException e) {
      throw e;
    } catch (EOFException e) {
      throw new WeightsFileException(file, "truncated: the file ends in storage " + key, e);
    } catch (IOException | IllegalArgumentException e) {
      throw new WeightsFileException(file, "cannot read storage " + key + ": " + e.getMessage(), e);
    }
  }
}

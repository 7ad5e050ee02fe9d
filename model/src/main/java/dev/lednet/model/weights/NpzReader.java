package dev.lednet.model.weights;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads what {@code np.savez(f, **state_dict)} and {@code np.savez_compressed} write: a zip with
 * one {@code <key>.npy} per array, in the order they were given.
 */
final class NpzReader {

  private static final String SUFFIX = ".npy";

  private NpzReader() {}

  static StateDict read(ZipFile zip, List<? extends ZipEntry> entries, Path file)
      throws WeightsFileException {
    StateDict.Builder tensors = StateDict.builder();
    for (ZipEntry entry : entries) {
      String name = entry.getName();
      if (!name.endsWith(SUFFIX)) {
        throw new WeightsFileException(
            file,
            "npz entry " + name + " is not a .npy array; an npz of weights holds only arrays");
      }
      byte[] npy = ZipEntries.read(zip, entry, file);
      try {
        tensors.put(name.substring(0, name.length() - SUFFIX.length()), Npy.read(npy));
      } catch (IllegalArgumentException e) {
        throw new WeightsFileException(file, "npz entry " + name + ": " + e.getMessage(), e);
      }
    }
    try {
      return tensors.build();
    } catch (IllegalArgumentException e) {
      throw new WeightsFileException(file, "an array name appears twice: " + e.getMessage(), e);
    }
  }
}

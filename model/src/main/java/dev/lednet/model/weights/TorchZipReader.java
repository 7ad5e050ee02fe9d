package dev.lednet.model.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the zip format {@code torch.save} writes since PyTorch 1.6: {@code <archive>/data.pkl}
 * pickles the object with storages as persistent ids, {@code <archive>/data/<key>} holds each
 * storage's raw little-endian bytes, {@code <archive>/byteorder} (torch 2.1+) says their byte
 * order. Only the storages the state dict uses are read, not the optimizer's.
 */
final class TorchZipReader {

  private TorchZipReader() {}

  /** Whether the archive is a torch.save one: it has a data.pkl in its top folder. */
  static boolean handles(List<? extends ZipEntry> entries) {
    return !entries.isEmpty()
        && entries.stream().anyMatch(e -> e.getName().equals(archive(entries) + "data.pkl"));
  }

  /** The archive's folder, with its slash: torch names it after the file, or "archive". */
  private static String archive(List<? extends ZipEntry> entries) {
    String first = entries.get(0).getName();
    return first.substring(0, first.indexOf('/') + 1);
  }

  static StateDict read(ZipFile zip, List<? extends ZipEntry> entries, Path file)
      throws IOException {
    String archive = archive(entries);
    if (zip.getEntry(archive + "constants.pkl") != null
        || entries.stream().anyMatch(e -> e.getName().startsWith(archive + "code/"))) {
      throw new WeightsFileException(
          file, "a TorchScript archive (torch.jit.save), not a state_dict: load it as a DJL model");
    }
    ZipEntry byteOrder = zip.getEntry(archive + "byteorder");
    if (byteOrder != null) {
      String order =
          new String(ZipEntries.read(zip, byteOrder, file), StandardCharsets.US_ASCII).strip();
      if (!order.equals("little")) {
        throw new WeightsFileException(
            file, "storages are stored " + order + "-endian; only little is read");
      }
    }
    ZipEntry pickle = zip.getEntry(archive + "data.pkl");
    byte[] pickled = ZipEntries.read(zip, pickle, file);
    Object root;
    try {
      SizedInput in = new SizedInput(new ByteArrayInputStream(pickled), pickled.length);
      root = new TorchUnpickler(new StorageIds()).load(in);
    } catch (IOException | RuntimeException e) {
      throw new WeightsFileException(
          file, "cannot unpickle " + pickle.getName() + ": " + TorchUnpickler.explain(e), e);
    }
    Map<String, TorchTensor> tensors = PickledStateDict.tensorsIn(root, file);
    for (Map.Entry<String, TorchTensor> entry : tensors.entrySet()) {
      TorchStorage storage = entry.getValue().storage().root();
      if (storage.hasData()) {
        continue;
      }
      ZipEntry data = zip.getEntry(archive + "data/" + storage.key());
      if (data == null) {
        throw new WeightsFileException(
            file,
            String.format(
                "storage %s of tensor '%s' is missing: no %sdata/%s",
                storage.key(), entry.getKey(), archive, storage.key()));
      }
      try {
        storage.setData(ZipEntries.read(zip, data, file));
      } catch (IllegalArgumentException e) {
        throw new WeightsFileException(file, e.getMessage(), e);
      }
    }
    return PickledStateDict.materialise(tensors, file);
  }
}

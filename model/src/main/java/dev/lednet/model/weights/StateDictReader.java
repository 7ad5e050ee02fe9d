package dev.lednet.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads model weights from the files PyTorch and numpy write, telling the format from the bytes,
 * not the name (LEDNet's checkpoints are {@code .pth} and {@code .pth.tar} alike):
 *
 * <ul>
 *   <li>{@code torch.save} zip archives (PyTorch 1.6 and later);
 *   <li>legacy {@code torch.save} pickle streams (before 1.6, or {@code
 *       _use_new_zipfile_serialization=False}), as the LEDNet reference trainer wrote;
 *   <li>{@code np.savez} and {@code np.savez_compressed} archives of C-order arrays.
 * </ul>
 *
 * <p>A torch file may hold a state dict or a training checkpoint dict with a {@code 'state_dict'}
 * entry, whose other entries (epoch, optimizer state) are skipped. Keys lose a {@code "module."}
 * prefix that all of them have ({@code nn.DataParallel}'s). Strided tensors (a transpose saved as
 * it was) come out in C order. No Python code in a pickle is ever run. Every problem with a file's
 * content is a {@link WeightsFileException} whose message starts with the file.
 */
public final class StateDictReader {

  private static final String DATA_PARALLEL_PREFIX = "module.";
  private static final int HEAD = 8;

  private StateDictReader() {}

  public static StateDict read(Path file) throws IOException {
    if (!file.getFileSystem().equals(FileSystems.getDefault())) {
      return readCopy(file);
    }
    try {
      return readLocal(file).withoutSharedPrefix(DATA_PARALLEL_PREFIX);
    } catch (RuntimeException e) {
      // Whatever a corrupt file makes a parser trip on is still the file's fault.
      throw new WeightsFileException(file, "cannot read (corrupt?): " + e, e);
    }
  }

  /** Zip archives need random access, which only the default file system gives {@link ZipFile}. */
  private static StateDict readCopy(Path file) throws IOException {
    Path copy = Files.createTempFile("weights", ".tmp");
    try {
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      return read(copy);
    } catch (WeightsFileException e) {
      throw new WeightsFileException(file, e.problem(), e.getCause());
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static StateDict readLocal(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD);
    }
    if (head.length == 0) {
      throw new WeightsFileException(file, "empty file");
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] < 10 && head[3] < 10) {
      return readZip(file);
    }
    if (NpyHeader.hasMagic(head)) {
      throw new WeightsFileException(
          file, "a single .npy array, not a state dict: save the weights with np.savez");
    }
    // Pickle protocol 2 and later start with PROTO (0x80); torch.save has always used 2.
    if ((head[0] & 0xff) == 0x80) {
      return TorchLegacyReader.read(file);
    }
    throw new WeightsFileException(
        file,
        "not a weights file: neither a zip archive (.npz, torch.save) nor a legacy torch.save"
            + " pickle; it starts with "
            + HexFormat.ofDelimiter(" ").formatHex(head));
  }

  private static StateDict readZip(Path file) throws IOException {
    try (ZipFile zip = ZipEntries.open(file)) {
      List<ZipEntry> entries = ZipEntries.files(zip, file);
      if (TorchZipReader.handles(entries)) {
        return TorchZipReader.read(zip, entries, file);
      }
      if (entries.stream().anyMatch(e -> e.getName().endsWith(".npy"))) {
        return NpzReader.read(zip, entries, file);
      }
      throw new WeightsFileException(
          file,
          "a zip archive that is neither an npz (no .npy entries) nor a torch.save file (no"
              + " data.pkl); it holds "
              + entries.stream().limit(5).map(ZipEntry::getName).toList());
    }
  }
}

package dev.lednet.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens zip archives ({@code .npz}, {@code torch.save} files) and reads whole entries, checking
 * each against the size and CRC the archive records: {@link ZipFile} checks neither for stored
 * entries, and a damaged weight would otherwise load as wrong numbers.
 */
public final class ZipEntries {

  // Java arrays cannot be quite Integer.MAX_VALUE long on every VM.
  private static final long MAX_ENTRY = Integer.MAX_VALUE - 8;

  private ZipEntries() {}

  public static ZipFile open(Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      // ZipException, or EOFException where the end record points outside the file.
      throw new WeightsFileException(
          file, "not a readable zip archive (truncated or corrupt?): " + e, e);
    }
  }

  /** The archive's files, in archive order. */
  public static List<ZipEntry> files(ZipFile zip, Path file) throws WeightsFileException {
    try {
      return zip.stream().filter(e -> !e.isDirectory()).collect(Collectors.toList());
    } catch (IllegalArgumentException e) {
      // ZipFile decodes entry names lazily and fails on bytes that are not UTF-8.
      throw new WeightsFileException(
          file, "not a readable zip archive (corrupt entry name?): " + e, e);
    }
  }

  public static byte[] read(ZipFile zip, ZipEntry entry, Path file) throws WeightsFileException {
    long size = entry.getSize();
    if (size > MAX_ENTRY) {
      throw new WeightsFileException(file, "entry " + entry.getName() + " is too large: " + size);
    }
    byte[] bytes;
    try (InputStream in = zip.getInputStream(entry)) {
      bytes = in.readNBytes(size < 0 ? (int) MAX_ENTRY : (int) size);
    } catch (IOException | RuntimeException e) {
      throw new WeightsFileException(
          file, "entry " + entry.getName() + " cannot be read (corrupt?): " + e, e);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    if ((size >= 0 && bytes.length != size)
        || (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc())) {
      throw new WeightsFileException(
          file,
          "entry " + entry.getName() + " is corrupt: its size or CRC is not what the archive says");
    }
    return bytes;
  }
}

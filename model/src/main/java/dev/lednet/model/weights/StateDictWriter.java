package dev.lednet.model.weights;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict as an {@code .npz} that {@code np.load} reads: one {@code <key>.npy} entry
 * per tensor, in state dict order, each with the header numpy 1.24 itself writes. The file appears
 * whole or not at all: it is written to a temporary file beside the target, forced to disk and
 * renamed over it, so that a crashed conversion never leaves half a weights file that loads.
 */
public final class StateDictWriter {

  // numpy's entries carry this timestamp too; a fixed one makes the output reproducible.
  private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

  private StateDictWriter() {}

  /** Writes stored (uncompressed) entries, like {@code np.savez}. */
  public static void writeNpz(StateDict stateDict, Path file) throws IOException {
    write(stateDict, file, false);
  }

  /** Writes one tensor as a {@code .npy} file ({@code np.load} reads it), atomically. */
  public static void writeNpy(TensorData tensor, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path temporary =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(temporary, Npy.write(tensor), StandardOpenOption.CREATE_NEW);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Writes deflated entries, like {@code np.savez_compressed}: smaller, slower to read. */
  public static void writeNpzCompressed(StateDict stateDict, Path file) throws IOException {
    write(stateDict, file, true);
  }

  private static void write(StateDict stateDict, Path file, boolean compressed) throws IOException {
    writeZip(
        file,
        entries -> {
          for (Map.Entry<String, TensorData> entry : stateDict.asMap().entrySet()) {
            entries.add(entry.getKey() + ".npy", Npy.write(entry.getValue()), compressed);
          }
        });
  }

  /** Adds entries to a zip being written. */
  public interface ZipSink {
    void add(String name, byte[] bytes, boolean compressed) throws IOException;
  }

  /** What goes into a zip, entry by entry. */
  public interface ZipContents {
    void write(ZipSink entries) throws IOException;
  }

  /**
   * Writes a zip with fixed entry dates (reproducible bytes), atomically: to a temporary file
   * beside the target, forced to disk, renamed over it.
   */
  public static void writeZip(Path file, ZipContents contents) throws IOException {
    Path target = file.toAbsolutePath();
    // Not Files.createTempFile: its owner-only permissions would carry over to the weights file.
    Path temporary =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel))) {
        contents.write((name, bytes, compressed) -> writeEntry(zip, name, bytes, compressed));
        zip.finish();
        zip.flush();
        // To disk before the rename, so that a crash cannot leave the new name on missing data.
        channel.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  private static void writeEntry(ZipOutputStream zip, String name, byte[] npy, boolean compressed)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ZIP_EPOCH);
    if (compressed) {
      entry.setMethod(ZipEntry.DEFLATED);
    } else {
      // A stored entry's size and CRC go in its local header, so they are needed up front.
      CRC32 crc = new CRC32();
      crc.update(npy);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(npy.length);
      entry.setCompressedSize(npy.length);
      entry.setCrc(crc.getValue());
    }
    zip.putNextEntry(entry);
    zip.write(npy);
    zip.closeEntry();
  }
}

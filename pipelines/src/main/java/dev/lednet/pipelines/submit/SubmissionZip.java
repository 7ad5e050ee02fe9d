package dev.lednet.pipelines.submit;

import com.google.common.collect.ImmutableList;
import dev.lednet.stages.evaluate.ServerPng;
import dev.lednet.stages.io.FileBytes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The zip uploaded to the Cityscapes evaluation server: the checked predictions, each under its
 * path relative to the predictions root, deflated, in name order, with a fixed timestamp and no
 * other metadata, so that the same files always give the same bytes. It is built in a temporary
 * file that is renamed into place (local) or uploaded (gs://) only once complete, and a file whose
 * size or CRC-32 changed since it was checked stops it: a zip is never half written or stale.
 */
public final class SubmissionZip {

  /**
   * The DOS date of every entry. Set as a local date-time, so neither the time zone nor the files'
   * own times reach the bytes. Not 1980-01-01 00:00: the JDK reads that DOS value as "before
   * 1980" and adds an extended timestamp computed in the local time zone.
   */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  // Reads overlap, for gs:// where each file is a round trip; the window bounds memory.
  private static final int READ_AHEAD = 16;

  private final ImmutableList<ServerPng> files;

  private SubmissionZip(ImmutableList<ServerPng> files) {
    this.files = files;
  }

  /** A zip of these files, in entry name order; two files with one entry name are refused. */
  public static SubmissionZip of(Collection<ServerPng> files) {
    ImmutableList<ServerPng> sorted =
        ImmutableList.sortedCopyOf(Comparator.comparing(ServerPng::getEntryName), files);
    Set<String> names = new HashSet<>();
    for (ServerPng file : sorted) {
      if (!names.add(file.getEntryName())) {
        throw new IllegalArgumentException("two files for zip entry " + file.getEntryName());
      }
    }
    return new SubmissionZip(sorted);
  }

  public List<ServerPng> files() {
    return files;
  }

  /** Writes the zip to {@code target} (local or gs://), replacing it; returns its size in bytes. */
  public long writeTo(String target) throws IOException {
    ResourceId resource = FileSystems.matchNewResource(target, false);
    boolean local = "file".equals(resource.getScheme());
    Path temp = local ? tempBeside(Path.of(resource.toString())) : Files.createTempFile("lednet-submit-", ".zip");
    try {
      try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
        zip.setMethod(ZipOutputStream.DEFLATED);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        writeEntries(zip);
      }
      long size = Files.size(temp);
      if (local) {
        moveIntoPlace(temp, Path.of(resource.toString()));
      } else {
        upload(temp, resource);
      }
      return size;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void writeEntries(ZipOutputStream zip) throws IOException {
    ExecutorService readers =
        Executors.newFixedThreadPool(
            READ_AHEAD,
            r -> {
              Thread t = new Thread(r, "lednet-zip-read");
              t.setDaemon(true);
              return t;
            });
    try {
      Deque<Future<byte[]>> reads = new ArrayDeque<>();
      int next = 0;
      for (ServerPng file : files) {
        while (next < files.size() && reads.size() < READ_AHEAD) {
          String path = files.get(next++).getPath();
          reads.add(readers.submit(() -> FileBytes.read(path)));
        }
        byte[] bytes = await(reads.removeFirst());
        requireUnchanged(file, bytes);
        ZipEntry entry = new ZipEntry(file.getEntryName());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
      }
    } finally {
      readers.shutdownNow();
    }
  }

  private static byte[] await(Future<byte[]> read) throws IOException {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading predictions for the zip");
    }
  }

  private static void requireUnchanged(ServerPng file, byte[] bytes) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    if (bytes.length != file.getSize() || crc.getValue() != file.getCrc32()) {
      throw new IOException(
          file.getPath() + " changed since it was checked (" + file.getSize() + " bytes, CRC-32 "
              + Long.toHexString(file.getCrc32()) + "; now " + bytes.length + " bytes, CRC-32 "
              + Long.toHexString(crc.getValue()) + "): run submit again");
    }
  }

  // In the target's directory, so that the rename is atomic.
  private static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  // A GCS object appears only once its upload completes.
  private static void upload(Path temp, ResourceId target) throws IOException {
    try (WritableByteChannel channel = FileSystems.create(target, "application/zip");
        OutputStream out = Channels.newOutputStream(channel)) {
      Files.copy(temp, out);
    }
  }
}

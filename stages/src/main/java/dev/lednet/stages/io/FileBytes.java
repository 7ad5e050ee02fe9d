package dev.lednet.stages.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Whole-file reads and atomic whole-file writes through Beam's {@link FileSystems}, for local paths
 * and {@code gs://}. A reader never sees a half-written file: locally the bytes go to a hidden
 * temporary file in the same directory that is then atomically renamed; on GCS an object only
 * becomes visible once its upload completes.
 */
public final class FileBytes {

  private FileBytes() {}

  /** The whole file. A missing file is a {@link FileNotFoundException} naming it. */
  public static byte[] read(String path) throws IOException {
    ResourceId resource = FileSystems.matchNewResource(path, false);
    try (InputStream in = Channels.newInputStream(FileSystems.open(resource))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      in.transferTo(bytes);
      return bytes.toByteArray();
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("no such file: " + path);
    }
  }

  /** The first {@code length} bytes of the file (fewer if it is shorter), e.g. a PNG header. */
  public static byte[] readHead(String path, int length) throws IOException {
    ResourceId resource = FileSystems.matchNewResource(path, false);
    try (InputStream in = Channels.newInputStream(FileSystems.open(resource))) {
      return in.readNBytes(length);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("no such file: " + path);
    }
  }

  /** Writes the file atomically, replacing any previous content; parent directories are created. */
  public static void write(String path, byte[] bytes) throws IOException {
    ResourceId resource = FileSystems.matchNewResource(path, false);
    if ("file".equals(resource.getScheme())) {
      writeLocal(Path.of(resource.toString()), bytes);
      return;
    }
    try (WritableByteChannel channel = FileSystems.create(resource, MimeTypes.BINARY);
        OutputStream out = Channels.newOutputStream(channel)) {
      out.write(bytes);
    }
  }

  /** Writes a file's bytes to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a file through a stream, for files too large to hold in memory (tar shards): the bytes
   * go to a hidden temporary file beside the target, {@code .<name>.<random>.tmp}, which is renamed
   * into place once complete, locally or on any Beam file system (on GCS, a copy and a delete). A
   * failure deletes the temporary file and leaves any previous file as it was; a reader never sees
   * a partial file under the target's name.
   */
  public static void writeStreaming(String path, StreamWriter writer) throws IOException {
    ResourceId target = FileSystems.matchNewResource(path, false);
    ResourceId temp =
        target
            .getCurrentDirectory()
            .resolve(
                "." + target.getFilename() + "." + UUID.randomUUID() + ".tmp",
                ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    boolean renamed = false;
    try {
      try (OutputStream out =
          new BufferedOutputStream(Channels.newOutputStream(FileSystems.create(temp, MimeTypes.BINARY)), 1 << 16)) {
        writer.writeTo(out);
      }
      FileSystems.rename(List.of(temp), List.of(target));
      renamed = true;
    } finally {
      if (!renamed) {
        try {
          FileSystems.delete(List.of(temp), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
        } catch (IOException | RuntimeException e) {
          // The write's own error is the one to report; a stray hidden file is harmless.
        }
      }
    }
  }

  /** Whether a file exists at exactly this path (no glob). */
  public static boolean exists(String path) throws IOException {
    MatchResult match = FileSystems.match(List.of(path), EmptyMatchTreatment.ALLOW).get(0);
    return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
  }

  private static void writeLocal(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Removes a directory and everything under it, local or on a Beam file system ({@code gs://}). */
  public static void deleteTree(String dir) throws IOException {
    if (!dir.contains("://")) {
      Path root = Path.of(dir);
      if (Files.exists(root)) {
        try (Stream<Path> paths = Files.walk(root)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return;
    }
    MatchResult match =
        FileSystems.match(List.of(DatasetLayout.join(dir, "**")), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.OK) {
      List<ResourceId> files = new ArrayList<>();
      match.metadata().forEach(m -> files.add(m.resourceId()));
      FileSystems.delete(files);
    }
  }
}

package dev.lednet.pipelines;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import dev.lednet.stages.io.ReportFailures;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

/**
 * A directory a job writes what it found to, for its command to read back once the job is done.
 * It lives under Beam's {@code --tempLocation} when one is set (so that workers of a distributed
 * runner can write it), else in a local temporary directory; {@link #delete()} removes it.
 */
public final class StagingDirectory {

  private final String dir;

  private StagingDirectory(String dir) {
    this.dir = dir;
  }

  /** A new directory named {@code prefix} + a random suffix. */
  public static StagingDirectory create(String tempLocation, String prefix) {
    if (tempLocation != null && !tempLocation.isEmpty()) {
      return new StagingDirectory(DatasetLayout.join(tempLocation, prefix + UUID.randomUUID()));
    }
    try {
      return new StagingDirectory(Files.createTempDirectory(prefix).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  public String dir() {
    return dir;
  }

  /** A file or folder inside. */
  public String path(String name) {
    return DatasetLayout.join(dir, name);
  }

  /** The non-empty lines of a text file; a file never written has none. */
  public List<String> lines(String path) throws IOException {
    try {
      String text = new String(FileBytes.read(path), StandardCharsets.UTF_8);
      return text.lines().filter(l -> !l.isBlank()).collect(ImmutableList.toImmutableList());
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }

  /** The failures in a JSON-lines report, by frame id then file. */
  public List<Failure> failures(String path) throws IOException {
    return ReportFailures.readAll(path);
  }

  /** Removes the directory and everything in it. */
  public void delete() throws IOException {
    FileBytes.deleteTree(dir);
  }
}

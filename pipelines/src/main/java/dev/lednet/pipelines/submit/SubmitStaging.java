package dev.lednet.pipelines.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.ServerPng;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import dev.lednet.stages.io.ReportFailures;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The directory a submission check writes what it found to, as JSON lines, for the command to read
 * back once the job is done: the PNGs that passed, the problems and the warnings. It lives under
 * Beam's {@code --tempLocation} when one is set (so that workers of a distributed runner can write
 * it), else in a local temporary directory; {@link #delete()} removes it.
 */
final class SubmitStaging {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String dir;

  private SubmitStaging(String dir) {
    this.dir = dir;
  }

  /** A new directory under {@code tempLocation}, or a local temporary one when that is null. */
  static SubmitStaging create(String tempLocation) {
    if (tempLocation != null && !tempLocation.isEmpty()) {
      return new SubmitStaging(DatasetLayout.join(tempLocation, "lednet-submit-" + UUID.randomUUID()));
    }
    try {
      return new SubmitStaging(Files.createTempDirectory("lednet-submit-").toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  String frameCountPath() {
    return DatasetLayout.join(dir, "frames.txt");
  }

  String checkedPath() {
    return DatasetLayout.join(dir, "checked.jsonl");
  }

  String failuresPath() {
    return DatasetLayout.join(dir, "failures.jsonl");
  }

  String warningsPath() {
    return DatasetLayout.join(dir, "warnings.jsonl");
  }

  /** One line of {@link #checkedPath()}. */
  static String jsonLine(ServerPng png) throws JsonProcessingException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("frameId", png.getFrameId());
    line.put("path", png.getPath());
    line.put("entryName", png.getEntryName());
    line.put("size", png.getSize());
    line.put("crc32", png.getCrc32());
    return JSON.writeValueAsString(line);
  }

  /** The number of frames in the split. */
  long readFrameCount() throws IOException {
    List<String> lines = lines(frameCountPath());
    if (lines.size() != 1) {
      throw new IOException("the check staged no frame count in " + frameCountPath());
    }
    return Long.parseLong(lines.get(0).strip());
  }

  /** The PNGs that passed, by entry name. */
  List<ServerPng> readChecked() throws IOException {
    List<ServerPng> checked = new ArrayList<>();
    for (String line : lines(checkedPath())) {
      JsonNode fields = JSON.readTree(line);
      checked.add(
          ServerPng.create(
              fields.get("frameId").asText(),
              fields.get("path").asText(),
              fields.get("entryName").asText(),
              fields.get("size").asLong(),
              fields.get("crc32").asLong()));
    }
    checked.sort(Comparator.comparing(ServerPng::getEntryName));
    return checked;
  }

  /** Every problem, by frame id then file. */
  List<Failure> readFailures() throws IOException {
    return failures(failuresPath());
  }

  /** Every warning, by frame id then file. */
  List<Failure> readWarnings() throws IOException {
    return failures(warningsPath());
  }

  /** Removes the directory and everything in it. */
  void delete() throws IOException {
    FileBytes.deleteTree(dir);
  }

  private static List<Failure> failures(String path) throws IOException {
    return ReportFailures.readAll(path);
  }

  /** The non-empty lines of a text file; a file never written has none. */
  private static List<String> lines(String path) throws IOException {
    try {
      String text = new String(FileBytes.read(path), StandardCharsets.UTF_8);
      return text.lines().filter(l -> !l.isBlank()).collect(ImmutableList.toImmutableList());
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }
}

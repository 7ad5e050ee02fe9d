package dev.lednet.pipelines.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.ServerPng;
import dev.lednet.pipelines.StagingDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory a submission check writes what it found to, as JSON lines, for the command to read
 * back once the job is done: the PNGs that passed, the problems and the warnings. It lives under
 * Beam's {@code --tempLocation} when one is set (so that workers of a distributed runner can write
 * it), else in a local temporary directory; {@link #delete()} removes it.
 */
final class SubmitStaging {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StagingDirectory directory;

  private SubmitStaging(StagingDirectory directory) {
    this.directory = directory;
  }

  /** A new directory under {@code tempLocation}, or a local temporary one when that is null. */
  static SubmitStaging create(String tempLocation) {
    return new SubmitStaging(StagingDirectory.create(tempLocation, "lednet-submit-"));
  }

  String frameCountPath() {
    return directory.path("frames.txt");
  }

  String checkedPath() {
    return directory.path("checked.jsonl");
  }

  String failuresPath() {
    return directory.path("failures.jsonl");
  }

  String warningsPath() {
    return directory.path("warnings.jsonl");
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
    List<String> lines = directory.lines(frameCountPath());
    if (lines.size() != 1) {
      throw new IOException("the check staged no frame count in " + frameCountPath());
    }
    return Long.parseLong(lines.get(0).strip());
  }

  /** The PNGs that passed, by entry name. */
  List<ServerPng> readChecked() throws IOException {
    List<ServerPng> checked = new ArrayList<>();
    for (String line : directory.lines(checkedPath())) {
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
    return directory.failures(failuresPath());
  }

  /** Every warning, by frame id then file. */
  List<Failure> readWarnings() throws IOException {
    return directory.failures(warningsPath());
  }

  /** Removes the directory and everything in it. */
  void delete() throws IOException {
    directory.delete();
  }
}

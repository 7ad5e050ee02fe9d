package dev.lednet.stages.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.StageMetrics;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors report: counts every {@link Failure} (counter {@code lednet:failures}), logs it, and
 * with {@link #to(String)} also writes one JSON object per line ({@code frameId}, {@code file},
 * {@code stage}, {@code reason}) to a single file.
 */
public final class ReportFailures extends PTransform<PCollection<Failure>, PDone> {

  private static final Logger LOG = LoggerFactory.getLogger(ReportFailures.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  // Null when failures are only counted and logged.
  private final String path;

  private ReportFailures(String path) {
    this.path = path;
  }

  /** Counts and logs failures only. */
  public static ReportFailures toLog() {
    return new ReportFailures(null);
  }

  /** Counts and logs failures and writes them as JSON lines to {@code path} (local or gs://). */
  public static ReportFailures to(String path) {
    return new ReportFailures(path);
  }

  @Override
  public PDone expand(PCollection<Failure> failures) {
    PCollection<String> lines = failures.apply("CountAndLog", ParDo.of(new CountFn()));
    if (path != null) {
      lines.apply("WriteReport", TextIO.write().to(path).withoutSharding());
    }
    return PDone.in(failures.getPipeline());
  }

  /** One line of the errors report: {@code frameId}, {@code file}, {@code stage}, {@code reason}. */
  public static String jsonLine(Failure failure) throws JsonProcessingException {
    Map<String, String> line = new LinkedHashMap<>();
    line.put("frameId", failure.getFrameId());
    line.put("file", failure.getFile());
    line.put("stage", failure.getStage());
    line.put("reason", failure.getReason());
    return JSON.writeValueAsString(line);
  }

  /**
   * Every failure in a JSON-lines report, sorted by frame id then file; a report never written has
   * none.
   */
  public static List<Failure> readAll(String path) throws IOException {
    String text;
    try {
      text = new String(FileBytes.read(path), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<Failure> failures = new ArrayList<>();
    for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
      failures.add(fromJsonLine(line));
    }
    failures.sort(Comparator.comparing(Failure::getFrameId).thenComparing(Failure::getFile));
    return failures;
  }

  /** Reads a line that {@link #jsonLine} wrote. */
  public static Failure fromJsonLine(String line) throws JsonProcessingException {
    Map<String, String> fields = JSON.readValue(line, new TypeReference<Map<String, String>>() {});
    return Failure.create(
        fields.get("frameId"), fields.get("file"), fields.get("stage"), fields.get("reason"));
  }

  static final class CountFn extends DoFn<Failure, String> {
    private final Counter failures = StageMetrics.counter(StageMetrics.FAILURES);

    @ProcessElement
    public void process(@Element Failure failure, OutputReceiver<String> out)
        throws JsonProcessingException {
      failures.inc();
      LOG.warn("failed: {}", failure.describe());
      out.output(jsonLine(failure));
    }
  }
}

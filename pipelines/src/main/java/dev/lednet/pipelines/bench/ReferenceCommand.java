package dev.lednet.pipelines.bench;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a user-given command (e.g. the official cityscapesScripts tool) on the benchmark's data and
 * times it, so that both sides are measured on the same frames in the same run. The project ships
 * no such command: the user points at their own installation.
 */
public final class ReferenceCommand {

  private ReferenceCommand() {}

  /** What the reference command did. */
  public record Result(int exitCode, Duration elapsed, File log) {}

  /** Runs {@code command} with {@code sh -c} and the extra environment; output goes to a log file. */
  public static Result run(String command, Map<String, String> environment) throws IOException {
    File log = File.createTempFile("lednet-reference-", ".log");
    ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log);
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      int code = process.waitFor();
      return new Result(code, Duration.ofNanos(System.nanoTime() - start), log);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running the reference command", e);
    }
  }
}

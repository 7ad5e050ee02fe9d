package dev.lednet.pipelines.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads per-image forward times from a user-given command that prints them as the reference's
 * {@code eval_forward_time.py} does ({@code Forward time per img (b=1): 0.123 (Mean: ...)}). That
 * script loops forever, so the process is stopped once enough times have been read.
 */
public final class ReferenceForwardTimes {

  /** What the reference's eval_forward_time.py prints. */
  public static final String FORWARD = "Forward";
  /** What a training-step timing loop prints, in the same form. */
  public static final String TRAIN_STEP = "Train step";

  private ReferenceForwardTimes() {}

  /** Runs {@code command}, skips {@code warmup} reported times, returns the next {@code runs}. */
  public static ForwardTimer.Timings run(
      String command, Map<String, String> environment, int warmup, int runs, long timeoutSeconds)
      throws IOException {
    return run(command, environment, warmup, runs, timeoutSeconds, FORWARD);
  }

  /**
   * As {@link #run(String, Map, int, int, long)} for lines {@code <what> time per img (b=N):
   * SECONDS}.
   */
  public static ForwardTimer.Timings run(
      String command,
      Map<String, String> environment,
      int warmup,
      int runs,
      long timeoutSeconds,
      String what)
      throws IOException {
    Pattern line = Pattern.compile(Pattern.quote(what) + " time per img \\(b=(\\d+)\\): ([0-9.eE+-]+)");
    ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    List<Double> times = new ArrayList<>();
    StringBuilder tail = new StringBuilder();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                  stop(process);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    watchdog.setDaemon(true);
    watchdog.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      for (String text = out.readLine(); text != null && times.size() < runs; text = out.readLine()) {
        Matcher m = line.matcher(text);
        if (m.find()) {
          if (seen++ >= warmup) {
            times.add(Double.parseDouble(m.group(2)));
          }
        } else {
          tail.append(text).append('\n');
          if (tail.length() > 4000) {
            tail.delete(0, tail.length() - 4000);
          }
        }
      }
    } finally {
      stop(process);
    }
    if (times.size() < runs) {
      throw new IOException(
          "the reference command printed "
              + times.size()
              + " of "
              + runs
              + " timed lines ('"
              + what
              + " time per img (b=N): SECONDS') before it ended; its output:\n"
              + tail);
    }
    return new ForwardTimer.Timings(times.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}

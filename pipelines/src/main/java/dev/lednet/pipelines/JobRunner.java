package dev.lednet.pipelines;

import dev.lednet.stages.StageMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Runs a pipeline on whatever runner its options name, prints a progress line while it runs
 * (frames done / found, rate) where the runner reports metrics live, and returns the final
 * {@code lednet} counters for the summary.
 */
public final class JobRunner {

  private final String job;
  private final PrintWriter err;
  private final Duration period;
  private final long expectedFrames;

  private JobRunner(String job, PrintWriter err, Duration period, long expectedFrames) {
    this.job = job;
    this.err = err;
    this.period = period;
    this.expectedFrames = expectedFrames;
  }

  public static JobRunner of(String job, PrintWriter err) {
    return new JobRunner(job, err, Duration.ofSeconds(5), -1);
  }

  public JobRunner withProgressEvery(Duration period) {
    return new JobRunner(job, err, period, expectedFrames);
  }

  /** The total to show progress against when no stage counts the frames it finds. */
  public JobRunner withExpectedFrames(long frames) {
    return new JobRunner(job, err, period, frames);
  }

  /** What a finished job reports. */
  public record Outcome(PipelineResult.State state, Map<String, Long> counters, Duration elapsed) {
    public long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }

    public double perSecond(String name) {
      double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
      return counter(name) / seconds;
    }
  }

  public Outcome run(Pipeline pipeline) {
    if (pipeline.getOptions().getRunner() == DirectRunner.class) {
      // The DirectRunner blocks in run() by default; running it detached lets us poll metrics.
      pipeline.getOptions().as(DirectOptions.class).setBlockOnRun(false);
    }
    long start = System.nanoTime();
    PipelineResult result = pipeline.run();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lednet-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> printProgress(result, start), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    PipelineResult.State state;
    try {
      state = result.waitUntilFinish();
    } catch (RuntimeException | Error e) {
      // Interrupted or failed while waiting: stop the workers too, or a local runner's threads
      // would go on with a job nobody waits for.
      cancel(result, e);
      throw e;
    } finally {
      ticker.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Outcome(state, counters(result), elapsed);
  }

  private static void cancel(PipelineResult result, Throwable cause) {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void printProgress(PipelineResult result, long start) {
    try {
      Map<String, Long> c = counters(result);
      long found = expectedFrames >= 0 ? expectedFrames : c.getOrDefault(StageMetrics.FRAMES_FOUND, 0L);
      long done = c.getOrDefault(StageMetrics.FRAMES_DONE, 0L);
      long skipped = c.getOrDefault(StageMetrics.FRAMES_SKIPPED, 0L);
      long failed = c.getOrDefault(StageMetrics.FAILURES, 0L);
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf(
          "[%s] %d/%d frames%s, %.1f frames/s, %d skipped, %d failed, %.0f s%n",
          job,
          done,
          found,
          found > 0 ? String.format(" (%.0f%%)", 100.0 * (done + skipped) / found) : "",
          done / Math.max(seconds, 1e-3),
          skipped,
          failed,
          seconds);
      err.flush();
    } catch (RuntimeException e) {
      // Live metrics are best effort: some runners only report them at the end.
    }
  }

  private static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> values = new LinkedHashMap<>();
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      if (StageMetrics.NAMESPACE.equals(counter.getName().getNamespace())) {
        Long value = committedOrAttempted(counter);
        values.merge(counter.getName().getName(), value == null ? 0L : value, Long::sum);
      }
    }
    return values;
  }

  private static Long committedOrAttempted(MetricResult<Long> counter) {
    // Flink reports attempted values only (committed is null); the DirectRunner reports both.
    try {
      Long committed = counter.getCommitted();
      if (committed != null) {
        return committed;
      }
    } catch (UnsupportedOperationException e) {
      // fall through
    }
    return counter.getAttempted();
  }
}

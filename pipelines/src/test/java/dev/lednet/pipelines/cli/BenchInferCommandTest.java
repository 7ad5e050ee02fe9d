package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.LednetRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet bench infer} and {@code lednet bench forward} on small sizes. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BenchInferCommandTest {

  @TempDir Path work;

  @Test
  void benchInferWritesEveryFrameAndReportsBothForwardThroughputs() throws Exception {
    LednetRun run =
        LednetRun.of(
            "bench", "infer",
            "--frames", "6",
            "--size", "256x128",
            "--input-size", "128x64",
            "--cpu-threads-per-pass", "1",
            "--work-dir", work.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    int cores = Runtime.getRuntime().availableProcessors();
    assertTrue(run.out().contains("forward alone, one pass on " + cores + " threads:"), run.out());
    assertTrue(run.out().contains("6 frames in"), run.out());
    if (cores > 1) {
      assertTrue(run.out().contains("forward alone, " + cores + " passes at once:"), run.out());
    }
    try (var pngs = Files.walk(work.resolve("out/server"))) {
      assertEquals(6, pngs.filter(p -> p.toString().endsWith("_leftImg8bit.png")).count());
    }
  }

  @Test
  void benchForwardTakesTurnsAndTimesPassesAtOnce() {
    LednetRun run =
        LednetRun.of(
            "bench", "forward",
            "--size", "128x64",
            "--warmup", "1",
            "--runs", "2",
            "--rounds", "2",
            "--threads", "1",
            "--passes", "2",
            "--reference-command", "while true; do echo 'Forward time per img (b=1): 0.0100'; done");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("round 2: folded "), run.out());
    // Four reference passes of 10 ms each, over two rounds.
    assertTrue(run.out().contains("median     10.0 ms/image"), run.out());
    Matcher passes =
        Pattern.compile("2 passes at once, 1 thread\\(s\\) each \\(folded\\): [0-9.]+ frames/s in all \\(4 frames")
            .matcher(run.out());
    assertTrue(passes.find(), run.out());
  }
}

package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.LednetRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet bench evaluate} with stand-in reference commands. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchEvaluateCommandTest {

  @TempDir Path work;

  private LednetRun bench(String referenceCommand) {
    return LednetRun.of(
        "bench", "evaluate",
        "--frames", "2",
        "--size", "128x64",
        "--runs", "1",
        "--work-dir", work.toString(),
        "--reference-command", referenceCommand);
  }

  @Test
  void referenceGetsTheDataInTheOfficialVariablesAndItsResultIsCompared() throws Exception {
    // A reference that exports our own result agrees with it; it also proves the variables are set.
    LednetRun run =
        bench(
            "test -d \"$CITYSCAPES_DATASET/gtFine/val\" && test -d \"$CITYSCAPES_RESULTS/frankfurt\""
                + " && cp \"$CITYSCAPES_DATASET/../lednet-resultPixelLevelSemanticLabeling.json\""
                + " \"$CITYSCAPES_EXPORT_DIR/resultPixelLevelSemanticLabeling.json\"");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("bench evaluate: 2 frames 128x64 (seed 0)"), run.out());
    assertTrue(run.out().contains("lednet evaluate (DirectRunner, --targetParallelism=2): "), run.out());
    assertTrue(run.out().contains("frames/s lednet / reference: "), run.out());
    assertTrue(run.out().contains("results agree: yes: 1312 numbers, largest difference 0.00"), run.out());
    assertTrue(Files.exists(work.resolve("cityscapes/gtFine/val/lindau/lindau_000000_000019_gtFine_instanceIds.png")));
  }

  @Test
  void aReferenceWithOtherNumbersFailsTheBench() {
    LednetRun run =
        bench(
            "sed 's/\"averageScoreClasses\": 0\\./\"averageScoreClasses\": 1./'"
                + " \"$CITYSCAPES_DATASET/../lednet-resultPixelLevelSemanticLabeling.json\""
                + " > \"$CITYSCAPES_EXPORT_DIR/resultPixelLevelSemanticLabeling.json\"");

    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out().contains("results agree: no: /averageScoreClasses: 0.3629317905291782 vs 1.3629317905291782"),
        run.out());
  }

  @Test
  void aSecondBenchInTheSameWorkDirectoryReusesTheDataAndNotTheReferenceResult() throws Exception {
    LednetRun first =
        bench(
            "cp \"$CITYSCAPES_DATASET/../lednet-resultPixelLevelSemanticLabeling.json\""
                + " \"$CITYSCAPES_EXPORT_DIR/resultPixelLevelSemanticLabeling.json\"");
    LednetRun second = bench("true");

    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("results agree: yes"), first.out());
    assertTrue(first.out().contains("CPU time of the JVM per run: "), first.out());
    assertTrue(second.out().contains("bench evaluate: 2 frames 128x64 (seed 0) reused under " + work), second.out());
    assertTrue(
        second.out().contains("results agree: not compared (the reference wrote no resultPixelLevelSemanticLabeling.json)"),
        second.out());
  }

  @Test
  void aReferenceWithoutAResultFileIsTimedButNotCompared() {
    LednetRun run = bench("true");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out().contains("results agree: not compared (the reference wrote no resultPixelLevelSemanticLabeling.json)"),
        run.out());
  }
}

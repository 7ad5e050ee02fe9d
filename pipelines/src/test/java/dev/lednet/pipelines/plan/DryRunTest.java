package dev.lednet.pipelines.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.LednetRun;
import dev.lednet.stages.testing.LoopbackOnlyNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dry-run}: options and graph printed, exit 0, nothing run, read, written or contacted. */
class DryRunTest {

  @TempDir Path work;

  @Test
  void inferOnFlinkPrintsTheOptionsAndTheGraphAndWritesNothing() {
    Path output = work.resolve("never-written");
    LednetRun run =
        LednetRun.of(
            "infer", "--dataset=" + work.resolve("no-such-dataset"), "--output=" + output,
            "--input-size=256x128", "--runner=FlinkRunner", "--flinkMaster=[local]",
            "--parallelism=2", "--dry-run");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String plan = run.out();
    assertTrue(plan.contains("nothing was run or submitted"), plan);
    assertTrue(plan.contains("runner: FlinkRunner"), plan);
    assertTrue(plan.contains("  --parallelism=2\n"), plan);
    assertTrue(plan.contains("  --flinkMaster=[local]\n"), plan);
    // The stages of the infer pipeline, indented under their composites, primitives marked.
    for (String step : List.of("Discover  [DiscoverFrames]", "Segment  [SegmentFrames]", "Write  [WriteFiles]")) {
      assertTrue(plan.contains("\n  " + step + "\n"), step + " in\n" + plan);
    }
    assertTrue(plan.contains("  [ParDo.MultiOutput] *\n"), plan);
    assertFalse(plan.contains("Dataflow workers"), plan);
    assertFalse(Files.exists(output));
  }

  @Test
  void evaluateWithGcsPathsAndAGcsTempLocationReachesNoNetwork() {
    try (LoopbackOnlyNetwork network = LoopbackOnlyNetwork.install()) {
      LednetRun run =
          LednetRun.of(
              "evaluate", "--dataset=gs://lednet-data/cityscapes", "--predictions=gs://lednet-data/out/server",
              "--output=gs://lednet-data/eval/result.json", "--report=gs://lednet-data/eval/report",
              "--tempLocation=gs://lednet-data/tmp", "--dry-run");
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("  --tempLocation=gs://lednet-data/tmp\n"), run.out());
      assertTrue(run.out().contains("AddUp  [AggregateConfusion]"), run.out());
      assertEquals(List.of(), network.refused());
    }
  }

  @Test
  void theDemoDescribesItsThreeJobsAndWritesNothing() {
    Path demo = work.resolve("demo");
    LednetRun run = LednetRun.of("demo", "--random", "--dataset=" + work.resolve("nowhere"), "--work=" + demo, "--dry-run");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    for (String job : List.of("lednetprepare-", "lednetinfer-", "lednetevaluate-")) {
      assertTrue(run.out().contains("dry run of job '" + job), job + " in\n" + run.out());
    }
    assertFalse(run.out().contains("demo: label images"), run.out());
    assertFalse(Files.exists(demo));
  }

  @Test
  void aDryRunIsAnOptionOfEveryPipelineCommandOnly() {
    assertEquals(0, LednetRun.of("prepare", "--dataset=gs://b/cs", "--dry-run").exitCode());
    assertEquals(
        0,
        LednetRun.of("submit", "--dataset=" + work.resolve("no"), "--predictions=" + work.resolve("none"),
            "--zip=" + work.resolve("s.zip"), "--dry-run").exitCode());
    assertFalse(Files.exists(work.resolve("s.zip")));
    assertEquals(2, LednetRun.of("labels", "--dry-run").exitCode());
  }
}

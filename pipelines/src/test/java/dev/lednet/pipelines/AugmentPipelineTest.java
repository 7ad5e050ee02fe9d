package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.augment.AugmentFrames;
import dev.lednet.stages.augment.AugmentRecipe;
import dev.lednet.stages.augment.ShardManifest;
import dev.lednet.stages.augment.WriteShards;
import dev.lednet.stages.io.ReportFailures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The augment pipeline on the committed train frames (labelTrainIds made by the prepare pipeline):
 * the same bytes for the same seed, on the DirectRunner and on an embedded FlinkRunner; other
 * bytes for another seed; resumption that keeps complete shards.
 */
class AugmentPipelineTest {

  static final Path TESTDATA = PreparePipelineTest.TESTDATA;

  static final AugmentRecipe RECIPE =
      AugmentRecipe.reference().withHeight(96).withScale(0.75, 1.5).withCrop(160, 96).withJitter(0.3, 0.3, 0.3);

  @TempDir static Path prepared;

  @TempDir Path work;

  @BeforeAll
  static void prepareTrainIds() {
    PreparePipeline.Config config =
        PreparePipeline.Config.builder()
            .setDataset(TESTDATA.toString())
            .setSplits(ImmutableList.of("train"))
            .setOutputRoot(Optional.of(prepared.toString()))
            .build();
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PreparePipeline.build(pipeline, config);
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish());
  }

  static AugmentPipeline.Config.Builder config(Path output, long seed) {
    return AugmentPipeline.Config.builder()
        .setDataset(TESTDATA.toString())
        .setLabels(prepared.toString())
        .setOutput(output.toString())
        .setRecipe(RECIPE)
        .setSeed(seed)
        .setCopies(2)
        .setSamplesPerShard(2);
  }

  static JobRunner.Outcome run(AugmentPipeline.Config config, String... runnerArgs) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs(runnerArgs).create());
    AugmentPipeline.build(pipeline, config);
    JobRunner.Outcome outcome = JobRunner.of("augment", new PrintWriter(new StringWriter())).run(pipeline);
    assertEquals(PipelineResult.State.DONE, outcome.state());
    return outcome;
  }

  static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  static void assertSameBytes(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
  }

  @Test
  void directRunnerAndFlinkRunnerWriteTheSameShardsAndManifest() throws IOException {
    Path direct = work.resolve("direct");
    Path flink = work.resolve("flink");
    JobRunner.Outcome onDirect = run(config(direct, 5).build(), "--runner=DirectRunner", "--targetParallelism=2");
    JobRunner.Outcome onFlink =
        run(config(flink, 5).build(), "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");

    Map<String, byte[]> files = tree(direct);
    assertEquals(
        List.of(
            "manifest.json", "shard-000000.json", "shard-000000.tar", "shard-000001.json", "shard-000001.tar",
            "shard-000002.json", "shard-000002.tar"),
        List.copyOf(files.keySet()));
    assertSameBytes(files, tree(flink));
    for (JobRunner.Outcome outcome : List.of(onDirect, onFlink)) {
      assertEquals(3, outcome.counter(StageMetrics.FRAMES_DONE));
      assertEquals(6, outcome.counter(AugmentFrames.SAMPLES_DONE));
      assertEquals(3, outcome.counter(WriteShards.SHARDS_WRITTEN));
      assertEquals(0, outcome.counter(StageMetrics.FAILURES));
    }
    ShardManifest manifest = ShardManifest.read(direct.resolve("manifest.json").toString());
    assertEquals(6, manifest.samples());
    assertEquals(3, manifest.frames());
    assertEquals(Map.of("160x96", 6L), manifest.imageSizes());
    assertEquals(6L * 160 * 96, manifest.classPixels().stream().mapToLong(Long::longValue).sum() + manifest.ignoredPixels());
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    run(config(work.resolve("a"), 5).build());
    run(config(work.resolve("b"), 5).build());
    run(config(work.resolve("c"), 6).build());

    Map<String, byte[]> a = tree(work.resolve("a"));
    assertSameBytes(a, tree(work.resolve("b")));
    Map<String, byte[]> c = tree(work.resolve("c"));
    for (String tar : List.of("shard-000000.tar", "shard-000001.tar", "shard-000002.tar")) {
      assertFalse(Arrays.equals(a.get(tar), c.get(tar)), tar);
    }
    assertFalse(Arrays.equals(a.get("manifest.json"), c.get("manifest.json")));
  }

  @Test
  void aSecondRunKeepsCompleteShardsAndRemakesTheOthersUnlessOverwriting() throws IOException {
    Path out = work.resolve("resume");
    run(config(out, 5).build());
    Map<String, byte[]> complete = tree(out);
    Files.delete(out.resolve("shard-000001.tar"));

    JobRunner.Outcome resumed = run(config(out, 5).build());
    assertEquals(1, resumed.counter(WriteShards.SHARDS_WRITTEN));
    assertEquals(2, resumed.counter(AugmentFrames.SAMPLES_DONE), "only the samples of the missing shard");
    assertSameBytes(complete, tree(out));

    JobRunner.Outcome again = run(config(out, 5).build());
    assertEquals(0, again.counter(WriteShards.SHARDS_WRITTEN));
    assertEquals(3, again.counter(StageMetrics.FRAMES_SKIPPED));
    assertSameBytes(complete, tree(out));

    JobRunner.Outcome otherSeed = run(config(out, 6).build());
    assertEquals(3, otherSeed.counter(WriteShards.SHARDS_WRITTEN), "another job's shards are never reused");

    JobRunner.Outcome overwritten = run(config(out, 5).setOverwrite(true).build());
    assertEquals(3, overwritten.counter(WriteShards.SHARDS_WRITTEN));
    assertSameBytes(complete, tree(out));
  }

  @Test
  void framesWithoutTrainIdLabelsAreReportedWithTheFileTheyLack() throws IOException {
    Path out = work.resolve("nolabels");
    Path errors = work.resolve("errors.jsonl");
    JobRunner.Outcome outcome =
        run(config(out, 5).setLabels(work.resolve("empty").toString()).setErrorsFile(Optional.of(errors.toString())).build());

    assertEquals(3, outcome.counter(StageMetrics.FAILURES));
    List<Failure> failures = ReportFailures.readAll(errors.toString());
    assertEquals(3, failures.size());
    Failure first = failures.get(0);
    String label = work.resolve("empty/gtFine/train/aachen/aachen_000000_000019_gtFine_labelTrainIds.png").toString();
    assertEquals(label, first.getFile());
    assertTrue(first.getReason().contains("no such file: " + label), first.getReason());
    assertEquals(0, ShardManifest.read(out.resolve("manifest.json").toString()).samples());
  }
}

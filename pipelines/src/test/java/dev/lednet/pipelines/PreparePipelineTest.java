package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.prepare.CityscapesAnnotation;
import dev.lednet.stages.prepare.LabelImageRenderer;
import dev.lednet.stages.prepare.LabelOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepare pipeline on the committed synthetic frames: the same bytes on the DirectRunner and on
 * an embedded FlinkRunner (the project's proof that it runs on a distributed engine), pixels equal
 * to a direct rendering, and resumption that skips converted frames.
 */
class PreparePipelineTest {

  static final Path TESTDATA = Path.of("..", "testdata", "cityscapes").toAbsolutePath().normalize();

  @TempDir Path work;

  private static PreparePipeline.Config config(Path output, boolean overwrite) {
    return PreparePipeline.Config.builder()
        .setDataset(TESTDATA.toString())
        .setSplits(ImmutableList.of("train", "test"))
        .setOutputs(ImmutableList.copyOf(LabelOutput.values()))
        .setOutputRoot(Optional.of(output.toString()))
        .setOverwrite(overwrite)
        .build();
  }

  private static JobRunner.Outcome run(PreparePipeline.Config config, String... runnerArgs) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs(runnerArgs).create());
    PreparePipeline.build(pipeline, config);
    JobRunner.Outcome outcome =
        JobRunner.of("prepare", new PrintWriter(new StringWriter())).run(pipeline);
    assertEquals(PipelineResult.State.DONE, outcome.state());
    return outcome;
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void directRunnerAndFlinkRunnerWriteTheSameBytes() throws IOException {
    Path direct = work.resolve("direct");
    Path flink = work.resolve("flink");
    JobRunner.Outcome onDirect = run(config(direct, false), "--runner=DirectRunner", "--targetParallelism=2");
    JobRunner.Outcome onFlink =
        run(config(flink, false), "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");

    Map<String, byte[]> directFiles = tree(direct);
    Map<String, byte[]> flinkFiles = tree(flink);
    assertEquals(6 * 5, directFiles.size(), directFiles.keySet().toString());
    assertEquals(directFiles.keySet(), flinkFiles.keySet());
    directFiles.forEach((name, bytes) -> assertArrayEquals(bytes, flinkFiles.get(name), name));
    assertEquals(6, onDirect.counter(StageMetrics.FRAMES_DONE));
    assertEquals(6, onFlink.counter(StageMetrics.FRAMES_DONE));
    assertEquals(30, onFlink.counter(StageMetrics.FILES_WRITTEN));
  }

  @Test
  void outputsHaveOfficialNamesAndTheRenderersPixels() throws IOException {
    Path out = work.resolve("out");
    run(config(out, false));
    String id = "aachen_000000_000019";
    byte[] json =
        Files.readAllBytes(TESTDATA.resolve("gtFine/train/aachen/" + id + "_gtFine_polygons.json"));
    var images = new LabelImageRenderer().render(CityscapesAnnotation.parse(json));
    for (LabelOutput output : LabelOutput.values()) {
      Path file = out.resolve("gtFine/train/aachen/" + id + "_gtFine_" + output.suffix() + ".png");
      Raster written = Png.decode(Files.readAllBytes(file), file.toString());
      assertEquals(images.raster(output), written, output.suffix());
    }
  }

  @Test
  void aSecondRunSkipsConvertedFramesUnlessOverwriting() throws IOException {
    Path out = work.resolve("resume");
    run(config(out, false));
    Path one = out.resolve("gtFine/test/bonn/bonn_000000_000019_gtFine_color.png");
    Files.delete(one);

    JobRunner.Outcome resumed = run(config(out, false));
    assertEquals(5, resumed.counter(StageMetrics.FRAMES_SKIPPED));
    assertEquals(1, resumed.counter(StageMetrics.FRAMES_DONE));
    assertEquals(true, Files.exists(one));

    JobRunner.Outcome overwritten = run(config(out, true));
    assertEquals(0, overwritten.counter(StageMetrics.FRAMES_SKIPPED));
    assertEquals(6, overwritten.counter(StageMetrics.FRAMES_DONE));
  }
}

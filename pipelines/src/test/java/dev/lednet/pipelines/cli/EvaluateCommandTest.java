package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.LednetRun;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.evaluate.AggregateConfusion;
import dev.lednet.stages.evaluate.CityscapesMetrics;
import dev.lednet.stages.evaluate.ComputeFrameConfusion;
import dev.lednet.stages.evaluate.FrameScores;
import dev.lednet.stages.evaluate.IdSpace;
import dev.lednet.stages.evaluate.SyntheticEvaluationData;
import dev.lednet.stages.evaluate.TrainIdMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.testing.FakeGcsServer;
import dev.lednet.stages.testing.LoopbackOnlyNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet evaluate} end to end on three small synthetic frames. */
@ExtendWith(TestPipelineExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EvaluateCommandTest {

  private static final int FRAMES = 3;
  private static final int WIDTH = 256;
  private static final int HEIGHT = 128;

  @TempDir Path tmp;
  private Path dataset;
  private Path predictions;
  private final List<FrameId> ids = new ArrayList<>();

  private static LednetRun lednet(String... args) {
    return LednetRun.of(args);
  }

  @BeforeEach
  void writeFrames() throws IOException {
    dataset = tmp.resolve("cityscapes");
    predictions = tmp.resolve("predictions");
    writeFrames(IdSpace.LABEL_IDS);
  }

  private void writeFrames(IdSpace predictionIds) throws IOException {
    ids.clear();
    SyntheticEvaluationData data = SyntheticEvaluationData.of(WIDTH, HEIGHT).withSeed(7);
    for (long i = 0; i < FRAMES; i++) {
      ids.add(data.write(i, dataset.toString(), predictions.toString(), predictionIds));
    }
  }

  private LednetRun evaluate(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "evaluate",
                "--dataset", dataset.toString(),
                "--predictions", predictions.toString(),
                "--targetParallelism=2"));
    args.addAll(Arrays.asList(more));
    return lednet(args.toArray(String[]::new));
  }

  private Path prediction(FrameId id) {
    return predictions.resolve(id.city()).resolve(id.fileName("leftImg8bit.png"));
  }

  /** The frames as the stages see them, read straight from the files written. */
  private List<FrameContent> frameContents(IdSpace ids) {
    List<FrameContent> frames = new ArrayList<>();
    for (FrameId id : this.ids) {
      Map<String, String> files = new HashMap<>();
      Map<String, byte[]> payloads = new HashMap<>();
      List<String> components =
          ids == IdSpace.LABEL_IDS
              ? List.of("gtFine_labelIds", "gtFine_instanceIds")
              : List.of("gtFine_labelTrainIds");
      for (String component : components) {
        String path = DatasetLayout.path(dataset.toString(), "val", id.city(), id.toString(), component);
        files.put(component, path);
        payloads.put(component, read(Path.of(path)));
      }
      files.put(ComputeFrameConfusion.PREDICTION, prediction(id).toString());
      payloads.put(ComputeFrameConfusion.PREDICTION, read(prediction(id)));
      frames.add(FrameContent.of(Frame.create(id.toString(), "val", id.city(), files), payloads));
    }
    return frames;
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Path path) {
    return new String(read(path), StandardCharsets.UTF_8);
  }

  @Test
  void resultsAreTheOfficialJsonOfCityscapesMetricsForTheSameFrames(TestPipeline p) {
    Path results = tmp.resolve("out/results.json");
    Path perFrame = tmp.resolve("out/frames.jsonl");
    Path report = tmp.resolve("out/report");

    LednetRun run =
        evaluate(
            "--output", results.toString(),
            "--per-frame", perFrame.toString(),
            "--report", report.toString(),
            "--worst", "2");

    assertEquals(0, run.exitCode(), run.err());
    PCollection<String> expected =
        p.apply(Create.of(frameContents(IdSpace.LABEL_IDS)))
            .apply(ComputeFrameConfusion.create())
            .get(ComputeFrameConfusion.COUNTS)
            .apply(AggregateConfusion.globally())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(totals -> CityscapesMetrics.of(totals).toOfficialJson()));
    PAssert.thatSingleton(expected).isEqualTo(text(results));
    p.run().waitUntilFinish();

    assertTrue(run.out().contains("evaluate: 3 frames of val (labelIds)"), run.out());
    assertTrue(run.out().contains("classes          IoU      nIoU\n"), run.out());
    assertTrue(run.out().contains("categories       IoU      nIoU\n"), run.out());
    assertTrue(run.out().contains("Score Average : "), run.out());
    List<String> lines = text(perFrame).lines().toList();
    assertEquals(
        ids.stream().map(FrameId::toString).sorted().toList(),
        lines.stream().map(l -> FrameScores.fromJsonLine(l).frameId()).toList());
    assertEquals(19, FrameScores.fromJsonLine(lines.get(0)).classIou().size());
    String html = text(report.resolve("index.html"));
    for (String name : List.of("road", "sidewalk", "building", "car", "person", "bicycle")) {
      assertTrue(html.contains(">" + name + "<"), name);
    }
    assertEquals(6, html.split("data:image/png;base64,", -1).length - 1, "2 worst frames x 3 pictures");
    assertFalse(html.contains("src=\"http") || html.contains("<link") || html.contains("<script"));
  }

  @Test
  void missingPredictionFailsNamingTheFrameAndWritesNoResults() throws IOException {
    Files.delete(prediction(ids.get(1)));
    Path results = tmp.resolve("results.json");
    Path errors = tmp.resolve("errors.jsonl");

    LednetRun run = evaluate("--output", results.toString(), "--errors", errors.toString());

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("MatchPredictions: no prediction for frame " + ids.get(1)), run.err());
    assertTrue(run.err().contains("1 frame could not be evaluated, no results written"), run.err());
    assertFalse(Files.exists(results));
    assertEquals(1, text(errors).lines().count());
    assertTrue(text(errors).contains("\"frameId\":\"" + ids.get(1) + "\""), text(errors));
  }

  @Test
  void twoPredictionsForAFrameFailNamingBothFiles() throws IOException {
    Path second = predictions.resolve("other/deeper").resolve(ids.get(0).fileName("copy.png"));
    Files.createDirectories(second.getParent());
    Files.copy(prediction(ids.get(0)), second);
    Path results = tmp.resolve("results.json");

    LednetRun run = evaluate("--output", results.toString());

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err().contains(
            "2 predictions for frame " + ids.get(0) + ", expected one: "
                + prediction(ids.get(0)) + ", " + second),
        run.err());
    assertFalse(Files.exists(results));
  }

  @Test
  void allowMissingEvaluatesTheFramesThatHaveAPrediction() throws IOException {
    Files.delete(prediction(ids.get(2)));
    Path results = tmp.resolve("results.json");
    Path perFrame = tmp.resolve("frames.jsonl");

    LednetRun run =
        evaluate("--allow-missing", "--output", results.toString(), "--per-frame", perFrame.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(results));
    assertEquals(2, text(perFrame).lines().count());
    assertTrue(run.out().contains("evaluate: 2 frames of val"), run.out());
    assertTrue(
        run.err().contains("1 frames left out (--allow-missing), scores are over the other 2"),
        run.err());
    assertTrue(run.err().contains("no prediction for frame " + ids.get(2)), run.err());
  }

  @Test
  void trainIdsModeScoresTrainIdPredictionsAgainstLabelTrainIds(TestPipeline p) throws IOException {
    deleteTree(predictions);
    writeFrames(IdSpace.TRAIN_IDS);
    Path results = tmp.resolve("results.json");

    LednetRun run = evaluate("--ids", "trainIds", "--output", results.toString());

    assertEquals(0, run.exitCode(), run.err());
    PCollection<String> expected =
        p.apply(Create.of(frameContents(IdSpace.TRAIN_IDS)))
            .apply(ComputeFrameConfusion.create().withIds(IdSpace.TRAIN_IDS))
            .get(ComputeFrameConfusion.COUNTS)
            .apply(AggregateConfusion.globally())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(totals -> TrainIdMetrics.of(totals).toJson()));
    PAssert.thatSingleton(expected).isEqualTo(text(results));
    p.run().waitUntilFinish();
    assertTrue(run.out().contains("evaluate: 3 frames of val (trainIds)"), run.out());
    assertTrue(run.out().contains("MEAN IoU      : "), run.out());
  }

  @Test
  void trainIdLookingPredictionsAreScoredWithOneWarningCountingTheFrames() throws IOException {
    for (FrameId id : ids) {
      byte[] road = new byte[WIDTH * HEIGHT];
      Arrays.fill(road, (byte) 7);
      Files.write(prediction(id), Png.encode(Raster.gray8(WIDTH, HEIGHT, road)));
    }

    LednetRun run = evaluate();

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, run.err().split("warning: ", -1).length - 1, run.err());
    assertTrue(
        run.err().contains("warning: 3 frames: prediction has only values 0..18: it looks like trainIds"),
        run.err());
  }

  @Test
  void noGroundTruthFramesIsAFailure() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));

    LednetRun run = lednet("evaluate", "--dataset", empty.toString(), "--predictions", predictions.toString());

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("evaluate: no frames evaluated"), run.err());
  }

  @Test
  void badOptionsExitWithUsageErrors() {
    assertEquals(2, evaluate("--frobnicate=1").exitCode());
    LednetRun badIds = evaluate("--ids", "colours");
    assertEquals(2, badIds.exitCode());
    assertTrue(badIds.err().contains("'colours' is not an id space: labelIds or trainIds"), badIds.err());
    assertEquals(2, lednet("evaluate", "--predictions", predictions.toString()).exitCode());
    LednetRun noDir = lednet("evaluate", "--dataset", dataset.toString(), "--predictions", tmp.resolve("nope").toString());
    assertEquals(2, noDir.exitCode());
    assertTrue(noDir.err().contains("--predictions " + tmp.resolve("nope") + ": no such directory"), noDir.err());
  }

  @Test
  void predictionsAndResultsOnGcs() throws IOException {
    try (LoopbackOnlyNetwork network = LoopbackOnlyNetwork.install();
        FakeGcsServer gcs = FakeGcsServer.start("runs")) {
      for (FrameId id : ids) {
        gcs.putObject(
            "gs://runs/lednet/epoch9/" + id.fileName("leftImg8bit.png"), read(prediction(id)));
      }
      Path local = tmp.resolve("local.json");
      assertEquals(0, evaluate("--output", local.toString()).exitCode());

      LednetRun run =
          lednet(
              "evaluate",
              "--dataset", dataset.toString(),
              "--predictions", "gs://runs/lednet/",
              "--output", "gs://runs/results/result.json",
              "--targetParallelism=2",
              "--gcsEndpoint=" + gcs.endpoint(),
              "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
              "--project=" + FakeGcsServer.PROJECT,
              "--gcsUploadBufferSizeBytes=" + FakeGcsServer.UPLOAD_CHUNK_BYTES);

      assertEquals(0, run.exitCode(), run.err());
      assertEquals(text(local), new String(gcs.objectContent("gs://runs/results/result.json"), StandardCharsets.UTF_8));
      assertEquals(List.of(), gcs.unhandledRequests());
      assertEquals(List.of(), network.refused());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

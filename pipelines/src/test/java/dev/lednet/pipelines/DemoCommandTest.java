package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet demo} on the committed testdata: every step runs and leaves its outputs. */
class DemoCommandTest {

  @TempDir Path work;

  /** The committed model 'lednet train' made, as the demo finds it from the project root. */
  static final Path BUNDLED_MODEL = Path.of("..", "models", "lednet-synthetic").toAbsolutePath().normalize();

  @Test
  void theBundledModelScoresItsRecordedMeanIouOnTheSyntheticValFrames() throws IOException {
    LednetRun run =
        LednetRun.of(
            "demo", "--dataset=" + PreparePipelineTest.TESTDATA, "--work=" + work, "--model=" + BUNDLED_MODEL);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode results =
        new ObjectMapper()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .readTree(work.resolve("resultPixelLevelSemanticLabeling.json").toFile());
    // The official average skips classes that are neither in the ground truth nor predicted (NaN).
    // models/README.md records 0.510 here (random weights score about 0.01) and 0.624 on 50
    // held-out synthetic frames.
    double meanIou = results.get("averageScoreClasses").asDouble();
    assertEquals(0.510, meanIou, 0.01, "mean IoU over the classes present");
    assertTrue(results.get("classScores").get("road").asDouble() > 0.9);
  }

  @Test
  void demoPreparesInfersAndEvaluatesTheTestdata() throws IOException {
    LednetRun run =
        LednetRun.of("demo", "--random", "--dataset=" + PreparePipelineTest.TESTDATA, "--work=" + work);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("RANDOM weights"), run.out());
    try (Stream<Path> overlays = Files.walk(work.resolve("inference/overlay"))) {
      assertEquals(4, overlays.filter(p -> p.toString().endsWith("_overlay.png")).count());
    }
    assertTrue(Files.isRegularFile(work.resolve("resultPixelLevelSemanticLabeling.json")));
    assertTrue(run.out().contains("Score Average"), run.out());
  }

  @Test
  void demoWithTheBaselinePredictsTheRoad() throws IOException {
    LednetRun run =
        LednetRun.of(
            "demo", "--baseline", "--dataset=" + PreparePipelineTest.TESTDATA, "--work=" + work);
    assertEquals(0, run.exitCode(), run.out() + run.err());

    try (Stream<Path> labels = Files.walk(work.resolve("prepared"))) {
      assertEquals(10 * 5, labels.filter(Files::isRegularFile).count());
    }
    try (Stream<Path> predictions = Files.walk(work.resolve("predictions"))) {
      assertEquals(
          4, predictions.filter(p -> p.toString().endsWith("_leftImg8bit.png")).count());
    }
    JsonNode results =
        // Python's json writes NaN for classes that never occur, and so does the official export.
        new ObjectMapper()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .readTree(work.resolve("resultPixelLevelSemanticLabeling.json").toFile());
    double road = results.get("classScores").get("road").asDouble();
    assertTrue(road > 0.5 && road <= 1.0, "the location prior finds the road: " + road);
    assertTrue(Files.readString(work.resolve("report/index.html")).contains("sidewalk"));
    assertTrue(run.out().contains("Score Average"), run.out());
  }
}

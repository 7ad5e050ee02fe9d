package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.StateDictReader;
import dev.lednet.model.weights.StateDictWriter;
import dev.lednet.model.weights.TensorData;
import dev.lednet.pipelines.LednetRun;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

  /** The reference model's parity data, made with PyTorch (model/src/test/resources/parity). */
  private static final Path PARITY = Path.of("../model/src/test/resources/parity");

  @TempDir Path dir;

  @Test
  void infoPrintsTheParameterCountAndLayerShapes() {
    LednetRun run =
        LednetRun.of("model", "info", "--model", PARITY.resolve("lednet20_random.npz").toString(), "--size", "512x256");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("925,663 (923,083 used by a full forward"), run.out());
    assertTrue(run.out().contains("encoder.layers.14"), run.out());
    assertTrue(run.out().contains("(1, 20, 256, 512)"), run.out());
  }

  @Test
  void runWritesTheReferenceScoresAsNpyAndTheArgmaxAsPng() throws IOException {
    Path logits = dir.resolve("scores.npy");
    Path argmax = dir.resolve("classes.png");
    LednetRun run =
        LednetRun.of(
            "model", "run",
            "--model", PARITY.resolve("lednet20_random.npz").toString(),
            "--image", PARITY.resolve("input_256x512.png").toString(),
            "--size", "512x256",
            "--decoder", "reference",
            "--logits", logits.toString(),
            "--argmax", argmax.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (NDManager m = NDManager.newBaseManager();
        InputStream in = Files.newInputStream(logits);
        InputStream expectedIn = Files.newInputStream(PARITY.resolve("expected_256x512_reference.npz"))) {
      NDArray scores = NDList.decode(m, in).singletonOrThrow();
      NDList expected = NDList.decode(m, expectedIn);
      assertArrayEquals(new long[] {1, 20, 512, 1024}, scores.getShape().getShape());
      float diff = scores.get("0, :, ::16, ::16").sub(expected.get("grid")).abs().max().getFloat();
      assertTrue(diff < 1e-4, "max difference " + diff);
      Raster classes = Png.decode(Files.readAllBytes(argmax));
      assertEquals(1024, classes.width());
      assertEquals(512, classes.height());
      assertEquals(
          scores.get("0, :, 100, 300").argMax().getLong(), classes.sample(300, 100, 0));
    }
  }

  @Test
  void convertedModelsGiveTheSameScores() throws IOException {
    Path weights = PARITY.resolve("lednet20_random.npz");
    Path saved = dir.resolve("saved");
    Path npz = dir.resolve("back.npz");
    assertEquals(0, LednetRun.of("model", "convert", "--model", weights.toString(), "--output", saved.toString()).exitCode());
    assertTrue(Files.isRegularFile(saved.resolve("model.json")));
    assertEquals(0, LednetRun.of("model", "convert", "--model", saved.toString(), "--output", npz.toString()).exitCode());
    StateDict original = StateDictReader.read(weights);
    StateDict roundTrip = StateDictReader.read(npz);
    for (String key : original.keys()) {
      if (!key.endsWith("num_batches_tracked")) {
        assertEquals(original.get(key), roundTrip.get(key), key);
      }
    }
    float[] a = runScores(weights);
    float[] b = runScores(saved);
    assertArrayEquals(a, b);
  }

  @Test
  void weightsWithAMissingOrMisshapenKeyAreRefusedNamingTheKeys() throws IOException {
    StateDict original = StateDictReader.read(PARITY.resolve("lednet20_random.npz"));
    StateDict.Builder broken = StateDict.builder();
    for (String key : original.keys()) {
      if (key.equals("decoder.apn.mid.0.conv.1.running_var")) {
        continue;
      }
      broken.put(
          key,
          key.equals("encoder.layers.7.conv3x1_2_l.weight")
              ? TensorData.ofFloats(new long[] {2}, 1f, 2f)
              : original.get(key));
    }
    Path file = dir.resolve("broken.npz");
    StateDictWriter.writeNpz(broken.build(), file);
    LednetRun run =
        LednetRun.of("model", "info", "--model", file.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("missing key decoder.apn.mid.0.conv.1.running_var"), run.err());
    assertTrue(
        run.err().contains("key encoder.layers.7.conv3x1_2_l.weight has shape [2], the network needs [64, 64, 3, 1]"),
        run.err());
  }

  @Test
  void aTorchScriptModelRunsAndConverts() throws IOException {
    Path saved = dir.resolve("tiny");
    assertEquals(
        0,
        LednetRun.of("model", "convert", "--model", PARITY.resolve("tiny_segmenter.pt").toString(), "--output", saved.toString())
            .exitCode());
    LednetRun info = LednetRun.of("model", "info", "--model", saved.toString(), "--size", "64x32");
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("(1, 5, 32, 64)"), info.out());
  }

  private float[] runScores(Path model) throws IOException {
    Path logits = dir.resolve("s-" + System.nanoTime() + ".npy");
    LednetRun run =
        LednetRun.of(
            "model", "run", "--model", model.toString(),
            "--image", PARITY.resolve("input_256x512.png").toString(),
            "--size", "256x128", "--logits", logits.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(logits)) {
      return NDList.decode(m, in).singletonOrThrow().toFloatArray();
    }
  }
}

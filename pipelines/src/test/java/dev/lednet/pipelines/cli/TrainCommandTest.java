package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.model.ModelFiles;
import dev.lednet.pipelines.LednetRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet train} end to end on the committed testdata, from the dataset and from shards. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TrainCommandTest {

  private static final Path TESTDATA = Path.of("..", "testdata", "cityscapes").toAbsolutePath().normalize();

  @TempDir static Path prepared;

  @TempDir Path tmp;

  @BeforeAll
  static void prepareTrainIds() {
    LednetRun run =
        LednetRun.of(
            "prepare", "--dataset", TESTDATA.toString(), "--splits", "train,val", "--outputs", "labelTrainIds",
            "--output", prepared.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void trainsOnAugmentShardsValidatesOnValAndSavesAModelInferCanUse() throws IOException {
    Path shards = tmp.resolve("shards");
    LednetRun augment =
        LednetRun.of(
            "augment", "--dataset", TESTDATA.toString(), "--labels", prepared.toString(), "--split", "train",
            "--copies", "2", "--seed", "5", "--height", "64", "--crop", "128x64", "--output", shards.toString());
    assertEquals(0, augment.exitCode(), augment.err());

    Path out = tmp.resolve("train");
    LednetRun train =
        LednetRun.of(
            "train", "--shards", shards.resolve("manifest.json").toString(), "--dataset", TESTDATA.toString(),
            "--labels", prepared.toString(), "--output", out.toString(), "--encoder-epochs", "1", "--epochs", "1",
            "--height", "64", "--batch-size", "2", "--log-every", "1", "--threads", "2");
    assertEquals(0, train.exitCode(), train.out() + train.err());
    assertTrue(train.out().contains("6 training samples, 4 validation samples"), train.out());
    assertTrue(train.out().contains("full epoch 1/1 done"), train.out());
    assertTrue(train.out().contains("val mean IoU"), train.out());
    assertEquals(64, ModelFiles.describe(out.resolve("best")).inputHeight());
    assertTrue(Files.isDirectory(out.resolve("encoder-best")));

    LednetRun infer =
        LednetRun.of(
            "infer", "--dataset", TESTDATA.toString(), "--split", "val", "--model", out.resolve("best").toString(),
            "--output", tmp.resolve("inferred").toString());
    assertEquals(0, infer.exitCode(), infer.out() + infer.err());
    assertTrue(infer.out().contains("input 128x64"), infer.out());
  }

  @Test
  void framesWithoutPreparedLabelsAreAClearError() {
    LednetRun train =
        LednetRun.of("train", "--dataset", TESTDATA.toString(), "--output", tmp.resolve("x").toString());
    assertEquals(1, train.exitCode());
    assertTrue(train.err().contains("have no gtFine_labelTrainIds label"), train.err());
    assertTrue(train.err().contains("lednet prepare"), train.err());
  }
}

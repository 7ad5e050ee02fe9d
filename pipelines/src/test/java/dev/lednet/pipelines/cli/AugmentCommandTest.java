package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.LednetRun;
import dev.lednet.stages.augment.ShardReader;
import dev.lednet.stages.augment.ShardSample;
import dev.lednet.stages.testing.FakeGcsServer;
import dev.lednet.stages.testing.LoopbackOnlyNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet augment} end to end on the committed train frames, locally and on (fake) GCS. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AugmentCommandTest {

  private static final Path TESTDATA = Path.of("..", "testdata", "cityscapes").toAbsolutePath().normalize();

  @TempDir static Path prepared;

  @TempDir Path tmp;

  @BeforeAll
  static void prepareTrainIds() {
    LednetRun run =
        LednetRun.of("prepare", "--dataset", TESTDATA.toString(), "--splits", "train", "--output", prepared.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  private static LednetRun augment(String output, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "augment",
                "--dataset", TESTDATA.toString(),
                "--labels", prepared.toString(),
                "--split", "train",
                "--output", output));
    args.addAll(List.of(more));
    return LednetRun.of(args.toArray(String[]::new));
  }

  /** Two copies of each frame with every option. */
  private static LednetRun augmentAll(String output, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--copies", "2", "--seed", "3", "--height", "64", "--crop", "96x64", "--scale", "0.8,1.25",
                "--jitter", "0.2"));
    args.addAll(List.of(more));
    return augment(output, args.toArray(String[]::new));
  }

  @Test
  void writesShardsAndSaysWhatItDid() {
    String out = tmp.resolve("augmented").toString();
    LednetRun run = augmentAll(out);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out().startsWith("augment: 6 samples of 3 frames written in 1 shards, 0 frames skipped (shards already written), 0 failed"),
        run.out());
    assertTrue(run.out().contains("height 64, flip, translate 2 px, scale 0.8-1.25, crop 96x64, jitter 0.2,0.2,0.2; seed 3, 2 copies"), run.out());
    assertTrue(run.out().contains(out + "/manifest.json: 6 samples of 3 frames in 1 shards, images 96x64"), run.out());

    LednetRun again = augmentAll(out);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("augment: 0 samples of 0 frames written in 0 shards, 3 frames skipped"), again.out());
  }

  @Test
  void helpGivesEveryOptionWithItsDefault() {
    LednetRun run = LednetRun.of("augment", "--help");
    assertEquals(0, run.exitCode());
    for (String option :
        List.of(
            "--dataset", "--labels", "--split", "--output", "--copies", "--seed", "--height", "--no-flip", "--translate",
            "--scale", "--crop", "--jitter", "--samples-per-shard", "--overwrite", "--errors")) {
      assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
    }
    assertTrue(run.out().contains("(default: 512)"), run.out());
    assertTrue(run.out().contains("(default: 64;"), run.out());
  }

  @Test
  void impossibleOptionsAreUsageErrors() {
    String out = tmp.resolve("never").toString();
    LednetRun scale = augment(out, "--scale", "2,1");
    assertEquals(2, scale.exitCode());
    assertTrue(scale.err().contains("'2,1' is not MIN,MAX with 0 < MIN <= MAX"), scale.err());
    LednetRun crop = augment(out, "--crop", "512");
    assertEquals(2, crop.exitCode());
    assertTrue(crop.err().contains("'512' is not a size WIDTHxHEIGHT"), crop.err());
    LednetRun copies = augment(out, "--copies", "0");
    assertEquals(2, copies.exitCode());
    assertTrue(copies.err().contains("--copies must be at least 1"), copies.err());
    LednetRun jitter = augment(out, "--jitter", "0.1,0.2");
    assertEquals(2, jitter.exitCode());
  }

  @Test
  void shardsOnGcsReadBackAsTheLocalOnes() throws IOException {
    String local = tmp.resolve("local").toString();
    assertEquals(0, augmentAll(local).exitCode());
    try (LoopbackOnlyNetwork network = LoopbackOnlyNetwork.install();
        FakeGcsServer gcs = FakeGcsServer.start("runs")) {
      LednetRun run =
          augmentAll(
              "gs://runs/augmented",
              "--targetParallelism=2",
              "--gcsEndpoint=" + gcs.endpoint(),
              "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
              "--project=" + FakeGcsServer.PROJECT,
              "--gcsUploadBufferSizeBytes=" + FakeGcsServer.UPLOAD_CHUNK_BYTES);
      assertEquals(0, run.exitCode(), run.err() + run.out());
      assertEquals(
          List.of(
              "gs://runs/augmented/manifest.json",
              "gs://runs/augmented/shard-000000.json",
              "gs://runs/augmented/shard-000000.tar"),
          gcs.objectUris(),
          "no temporary objects are left");

      gcs.registerWithFileSystems();
      List<ShardSample> fromGcs;
      try (Stream<ShardSample> samples = ShardReader.open("gs://runs/augmented/manifest.json").samples()) {
        fromGcs = samples.toList();
      }
      List<ShardSample> fromDisk;
      try (Stream<ShardSample> samples = ShardReader.open(local + "/manifest.json").samples()) {
        fromDisk = samples.toList();
      }
      assertEquals(6, fromGcs.size());
      assertEquals(fromDisk, fromGcs);
      assertEquals(List.of(), gcs.unhandledRequests());
      assertEquals(List.of(), network.refused());
    }
  }
}

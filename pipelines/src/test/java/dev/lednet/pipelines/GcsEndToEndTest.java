package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.stages.testing.FakeGcsServer;
import dev.lednet.stages.testing.LoopbackOnlyNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lednet prepare}, {@code infer} and {@code evaluate} with every path on {@code gs://},
 * through the command line and Beam's real {@code GcsFileSystem} against {@link FakeGcsServer} (an
 * in-process server speaking the GCS JSON API on loopback; nothing else may be reached): each
 * writes to GCS exactly the bytes it writes to a local directory from the same input.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GcsEndToEndTest {

  private static final String BUCKET = "lednet-data";
  private static final String ROOT = "gs://" + BUCKET + "/";

  private static LoopbackOnlyNetwork network;

  private final FakeGcsServer gcs = FakeGcsServer.start(BUCKET);

  @TempDir Path work;

  @BeforeAll
  static void allowLoopbackOnly() {
    network = LoopbackOnlyNetwork.install();
  }

  @AfterAll
  static void restoreNetwork() {
    network.close();
  }

  @AfterEach
  void stopServer() {
    gcs.close();
    assertEquals(List.of(), gcs.unhandledRequests());
    assertEquals(List.of(), network.refused());
  }

  @Test
  void prepareReadsPolygonsFromGcsAndWritesTheLocalBytesToGcs() throws IOException {
    upload(PreparePipelineTest.TESTDATA.resolve("gtFine/val"), "cityscapes/gtFine/val");
    String[] prepare = {"prepare", "--splits=val", "--outputs=labelTrainIds,labelIds,color,instanceIds"};

    ok(lednet(prepare, "--dataset=" + PreparePipelineTest.TESTDATA, "--output=" + work.resolve("local")));
    LednetRun onGcs = ok(lednetOnGcs(prepare, "--dataset=" + ROOT + "cityscapes", "--output=" + ROOT + "prepared"));

    assertTrue(onGcs.out().contains("4 frames converted"), onGcs.out());
    assertSameFiles(work.resolve("local"), "prepared/", 4 * 4);
  }

  @Test
  void inferReadsImagesFromGcsAndWritesTheLocalBytesToGcs() throws IOException {
    upload(PreparePipelineTest.TESTDATA.resolve("leftImg8bit/val"), "cityscapes/leftImg8bit/val");
    String[] infer = {
      "infer", "--split=val", "--outputs=server,trainIds,color", "--input-size=128x64", "--batch-size=2"
    };

    ok(lednet(infer, "--dataset=" + PreparePipelineTest.TESTDATA, "--output=" + work.resolve("local")));
    LednetRun onGcs = ok(lednetOnGcs(infer, "--dataset=" + ROOT + "cityscapes", "--output=" + ROOT + "inferred"));

    assertTrue(onGcs.out().contains("4 frames segmented"), onGcs.out());
    assertSameFiles(work.resolve("local"), "inferred/", 4 * 3);
    // Outputs on GCS are found, so a second run resumes instead of segmenting again.
    LednetRun again = ok(lednetOnGcs(infer, "--dataset=" + ROOT + "cityscapes", "--output=" + ROOT + "inferred"));
    assertTrue(again.out().contains("0 frames segmented, 4 skipped"), again.out());
  }

  @Test
  void evaluateScoresGcsPredictionsAndWritesTheLocalResultsToGcs() throws IOException {
    Path prepared = work.resolve("prepared");
    Path predictions = work.resolve("inferred");
    ok(lednet(new String[] {"prepare", "--splits=val", "--outputs=labelIds,instanceIds"},
        "--dataset=" + PreparePipelineTest.TESTDATA, "--output=" + prepared));
    ok(lednet(new String[] {"infer", "--split=val", "--input-size=128x64"},
        "--dataset=" + PreparePipelineTest.TESTDATA, "--output=" + predictions));
    upload(prepared, "prepared");
    upload(predictions.resolve("server"), "predictions");
    Path local = work.resolve("evaluation");

    ok(lednet(new String[] {"evaluate", "--split=val"},
        "--dataset=" + prepared, "--predictions=" + predictions.resolve("server"),
        "--output=" + local.resolve("result.json"), "--per-frame=" + local.resolve("frames.jsonl"),
        "--report=" + local.resolve("report")));
    LednetRun onGcs = ok(lednetOnGcs(new String[] {"evaluate", "--split=val"},
        "--dataset=" + ROOT + "prepared", "--predictions=" + ROOT + "predictions",
        "--output=" + ROOT + "evaluation/result.json", "--per-frame=" + ROOT + "evaluation/frames.jsonl",
        "--report=" + ROOT + "evaluation/report", "--tempLocation=" + ROOT + "temp"));

    assertTrue(onGcs.out().contains("evaluate: 4 frames of val"), onGcs.out());
    Map<String, byte[]> written = objects("evaluation/");
    assertEquals(List.of("frames.jsonl", "report/index.html", "result.json"), List.copyOf(written.keySet()));
    assertArrayEquals(Files.readAllBytes(local.resolve("result.json")), written.get("result.json"));
    assertArrayEquals(Files.readAllBytes(local.resolve("frames.jsonl")), written.get("frames.jsonl"));
    // The job staged its findings under --tempLocation on GCS, and the command removed them.
    assertEquals(Map.of(), objects("temp/"));
  }

  private static LednetRun ok(LednetRun run) {
    assertEquals(0, run.exitCode(), run.out() + run.err());
    return run;
  }

  private static LednetRun lednet(String[] command, String... more) {
    String[] args = Arrays.copyOf(command, command.length + more.length);
    System.arraycopy(more, 0, args, command.length, more.length);
    return LednetRun.of(args);
  }

  /** The command with Beam's GCS options pointed at the fake server, as FakeGcsServer sets them. */
  private LednetRun lednetOnGcs(String[] command, String... more) {
    List<String> args = new ArrayList<>(List.of(more));
    args.addAll(
        List.of(
            "--gcsEndpoint=" + gcs.endpoint(),
            "--credentialFactoryClass=" + NoopCredentialFactory.class.getName(),
            "--project=" + FakeGcsServer.PROJECT,
            "--gcsHttpRequestReadTimeout=30000",
            "--gcsUploadBufferSizeBytes=" + FakeGcsServer.UPLOAD_CHUNK_BYTES));
    return lednet(command, args.toArray(String[]::new));
  }

  private void upload(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        gcs.putObject(ROOT + prefix + "/" + dir.relativize(f), Files.readAllBytes(f));
      }
    }
  }

  /** The objects under {@code gs://BUCKET/prefix}, by name relative to it. */
  private Map<String, byte[]> objects(String prefix) {
    Map<String, byte[]> found = new TreeMap<>();
    for (String uri : gcs.objectUris()) {
      if (uri.startsWith(ROOT + prefix)) {
        found.put(uri.substring((ROOT + prefix).length()), gcs.objectContent(uri));
      }
    }
    return found;
  }

  private void assertSameFiles(Path local, String prefix, int expected) throws IOException {
    Map<String, byte[]> onGcs = objects(prefix);
    Map<String, byte[]> onDisk = new TreeMap<>();
    try (Stream<Path> files = Files.walk(local)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        onDisk.put(local.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    assertEquals(expected, onDisk.size(), onDisk.keySet().toString());
    assertEquals(onDisk.keySet(), onGcs.keySet());
    onDisk.forEach((name, bytes) -> assertArrayEquals(bytes, onGcs.get(name), name));
  }
}

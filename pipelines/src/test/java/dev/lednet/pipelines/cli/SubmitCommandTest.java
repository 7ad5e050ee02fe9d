package dev.lednet.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.LednetRun;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.PngInfo;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.testing.FakeGcsServer;
import dev.lednet.stages.testing.LoopbackOnlyNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lednet submit} end to end: on the committed test split, and on a synthetic split with one
 * frame for each kind of problem.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SubmitCommandTest {

  private static final Path TESTDATA = Path.of("..", "testdata", "cityscapes").toAbsolutePath().normalize();
  private static final List<String> TEST_FRAMES =
      List.of("berlin_000000_000019", "bielefeld_000000_000019", "bonn_000000_000019");

  @TempDir Path tmp;

  private Path predictions() {
    return tmp.resolve("predictions");
  }

  private LednetRun submit(Path dataset, String zip, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "submit",
                "--predictions", predictions().toString(),
                "--dataset", dataset.toString(),
                "--zip", zip,
                "--targetParallelism=2"));
    args.addAll(Arrays.asList(more));
    return LednetRun.of(args.toArray(String[]::new));
  }

  /** A labelIds prediction for each committed test frame, named as the LEDNet reference names them. */
  private List<Path> writeTestSplitPredictions() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String id : TEST_FRAMES) {
      String city = FrameId.parse(id).city();
      Path photo = TESTDATA.resolve("leftImg8bit/test/" + city + "/" + id + "_leftImg8bit.png");
      PngInfo image = Png.info(Files.readAllBytes(photo));
      files.add(write("test/" + city + "/" + id + "_leftImg8bit.png", street(image.width(), image.height())));
    }
    return files;
  }

  @Test
  void validPredictionsGiveAZipWhoseEntriesAndBytesAreExactlyTheFiles() throws IOException {
    List<Path> files = writeTestSplitPredictions();
    Path zip = tmp.resolve("out/submission.zip");

    LednetRun run = submit(TESTDATA, zip.toString());

    assertEquals(0, run.exitCode(), run.err());
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(archive.entries());
      assertEquals(
          List.of(
              "test/berlin/berlin_000000_000019_leftImg8bit.png",
              "test/bielefeld/bielefeld_000000_000019_leftImg8bit.png",
              "test/bonn/bonn_000000_000019_leftImg8bit.png"),
          entries.stream().map(ZipEntry::getName).toList());
      for (int i = 0; i < entries.size(); i++) {
        ZipEntry entry = entries.get(i);
        assertArrayEquals(
            Files.readAllBytes(files.get(i)), archive.getInputStream(entry).readAllBytes(), entry.getName());
        assertEquals(ZipEntry.DEFLATED, entry.getMethod());
        assertEquals(LocalDateTime.of(1980, 2, 1, 0, 0), entry.getTimeLocal());
        assertNull(entry.getExtra(), entry.getName());
      }
    }
    assertEquals(List.of(zip), list(zip.getParent()), "no temporary file left beside the zip");
    assertTrue(run.out().startsWith("submit: 3 frames of test checked in "), run.out());
    assertTrue(run.out().contains("one valid labelIds PNG each\nzip: " + zip + " (3 files, "), run.out());
    assertTrue(
        run.err().contains(
            "warning: the Cityscapes test split has 1525 frames, " + TESTDATA + " has 3: the server"
                + " expects a prediction for each of the 1525"),
        run.err());
  }

  @Test
  void theZipIsByteIdenticalAcrossRunsWhateverTheFileTimesAndTimeZone() throws IOException {
    List<Path> files = writeTestSplitPredictions();
    Path first = tmp.resolve("first.zip");
    Path second = tmp.resolve("second.zip");
    assertEquals(0, submit(TESTDATA, first.toString()).exitCode());
    for (Path file : files) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-07-04T12:34:56Z")));
    }
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertEquals(0, submit(TESTDATA, second.toString()).exitCode());
    } finally {
      TimeZone.setDefault(zone);
    }

    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  @Test
  void everyProblemIsListedWithItsFrameAndFileAndNoZipIsWritten() throws IOException {
    Path dataset = tmp.resolve("cityscapes");
    int width = 64;
    int height = 32;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "berlin_000000_0000" + (19 + i);
      ids.add(id);
      Path image = dataset.resolve("leftImg8bit/test/berlin/" + id + "_leftImg8bit.png");
      Files.createDirectories(image.getParent());
      Files.write(image, Png.encode(Raster.rgb(width, height, new byte[width * height * 3])));
    }
    // ids.get(0) has no prediction.
    Path duplicate = write(serverName(ids.get(1)), street(width, height));
    Path copy = write("old/" + ids.get(1) + "_copy.png", street(width, height));
    Path rgb =
        write(serverName(ids.get(2)), Png.encode(Raster.rgb(width, height, new byte[width * height * 3])));
    Path deep =
        write(serverName(ids.get(3)), Png.encode(Raster.gray16(width, height, new short[width * height])));
    Path half = write(serverName(ids.get(4)), street(width / 2, height / 2));
    Path outside = write(serverName(ids.get(5)), withPixel(street(width, height), width, height, 34));
    Path trainIds =
        write(serverName(ids.get(6)), Png.encode(Raster.gray8(width, height, new byte[width * height])));
    write(serverName(ids.get(7)), street(width, height));
    Path notes = write("notes/overview.png", street(width, height));
    Path zip = tmp.resolve("out/submission.zip");
    Path errors = tmp.resolve("errors.jsonl");

    LednetRun run = submit(dataset, zip.toString(), "--errors", errors.toString());

    assertEquals(1, run.exitCode(), run.err());
    String err = run.err();
    assertTrue(err.contains("submit: 6 problems in 6 of 8 frames, nothing written to " + zip + ":\n"), err);
    List<String> problems =
        List.of(
            ids.get(0) + ": " + predictions() + "/**/" + ids.get(0) + "*.png: no prediction for frame " + ids.get(0),
            ids.get(1) + ": " + copy + ": 2 predictions for frame " + ids.get(1) + ", expected one: "
                + copy + ", " + duplicate,
            ids.get(2) + ": " + rgb + ": prediction is a colour (RGB, 3-channel) image; the evaluation needs a"
                + " single-channel 8-bit PNG of labelIds, not a colourised prediction",
            ids.get(3) + ": " + deep + ": prediction is a 16-bit image; the evaluation needs a single-channel"
                + " 8-bit PNG of labelIds",
            ids.get(4) + ": " + half + ": prediction is 32x16 but the ground truth is 64x32; predictions must"
                + " have the ground truth's size",
            ids.get(5) + ": " + outside + ": prediction has values outside the labelIds 0..33: 34 (1 px)");
    int at = 0;
    for (String problem : problems) {
      int line = err.indexOf("\n  " + problem + "\n");
      assertTrue(line > at, "missing or out of order: " + problem + "\nin:\n" + err);
      at = line;
    }
    assertTrue(
        err.contains(
            "warning: 1 frame: prediction has only values 0..18: it looks like trainIds, but the"
                + " evaluation (like the Cityscapes server) scores labelIds; convert it to labelIds if"
                + " it is trainIds\n  " + ids.get(6) + ": " + trainIds + "\n"),
        err);
    assertTrue(
        err.contains(
            "warning: 1 file: PNG fits no frame: its name starts with no frame's"
                + " <city>_<seq>_<frame>; left out of the zip\n  " + notes + "\n"),
        err);
    assertFalse(Files.exists(zip.getParent()), "nothing written where the zip would go");
    List<String> errorLines = Files.readAllLines(errors, StandardCharsets.UTF_8);
    assertEquals(6, errorLines.size(), String.join("\n", errorLines));
    for (int i = 0; i < 6; i++) {
      assertTrue(errorLines.get(i).startsWith("{\"frameId\":\"" + ids.get(i) + "\""), errorLines.get(i));
    }
  }

  @Test
  void predictionsAndZipOnGcsGiveTheSameBytesAsLocally() throws IOException {
    List<Path> files = writeTestSplitPredictions();
    Path local = tmp.resolve("local.zip");
    assertEquals(0, submit(TESTDATA, local.toString()).exitCode());
    try (LoopbackOnlyNetwork network = LoopbackOnlyNetwork.install();
        FakeGcsServer gcs = FakeGcsServer.start("runs")) {
      for (Path file : files) {
        gcs.putObject("gs://runs/lednet/" + predictions().relativize(file), Files.readAllBytes(file));
      }

      LednetRun run =
          LednetRun.of(
              "submit",
              "--predictions", "gs://runs/lednet",
              "--dataset", TESTDATA.toString(),
              "--zip", "gs://runs/upload/submission.zip",
              "--targetParallelism=2",
              "--gcsEndpoint=" + gcs.endpoint(),
              "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
              "--project=" + FakeGcsServer.PROJECT,
              "--gcsUploadBufferSizeBytes=" + FakeGcsServer.UPLOAD_CHUNK_BYTES);

      assertEquals(0, run.exitCode(), run.err());
      assertArrayEquals(Files.readAllBytes(local), gcs.objectContent("gs://runs/upload/submission.zip"));
      assertEquals("application/zip", gcs.objectContentType("gs://runs/upload/submission.zip"));
      assertEquals(List.of(), gcs.unhandledRequests());
      assertEquals(List.of(), network.refused());
    }
  }

  @Test
  void aSplitWithoutFramesIsAFailure() throws IOException {
    writeTestSplitPredictions();
    Path zip = tmp.resolve("submission.zip");

    LednetRun run = submit(TESTDATA, zip.toString(), "--split", "challenge");

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err().contains(
            "submit: no frames: nothing matches " + TESTDATA + "/leftImg8bit/challenge/*/*_leftImg8bit.png"),
        run.err());
    assertFalse(Files.exists(zip));
  }

  @Test
  void badOptionsExitWithUsageErrors() throws IOException {
    Files.createDirectories(predictions());
    LednetRun noZip =
        LednetRun.of("submit", "--predictions", predictions().toString(), "--dataset", TESTDATA.toString());
    assertEquals(2, noZip.exitCode());
    assertTrue(noZip.err().contains("Missing required option: '--zip=<zip>'"), noZip.err());
    LednetRun noDir = submit(tmp.resolve("nope"), tmp.resolve("a.zip").toString());
    assertEquals(2, noDir.exitCode());
    assertTrue(noDir.err().contains("--dataset " + tmp.resolve("nope") + ": no such directory"), noDir.err());
    LednetRun zipDir = submit(TESTDATA, tmp.toString());
    assertEquals(2, zipDir.exitCode());
    assertTrue(zipDir.err().contains("--zip " + tmp + " is a directory"), zipDir.err());
    assertEquals(2, submit(TESTDATA, tmp.resolve("a.zip").toString(), "--frobnicate=1").exitCode());
  }

  private static String serverName(String id) {
    return "test/berlin/" + id + "_leftImg8bit.png";
  }

  private Path write(String relative, byte[] png) throws IOException {
    Path path = predictions().resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.write(path, png);
  }

  /** A street-like labelIds prediction: sky, building, road, a car. */
  private static byte[] street(int width, int height) {
    byte[] ids = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int id = y < height / 3 ? 23 : y < height / 2 ? 11 : 7;
        if (y >= height * 3 / 5 && y < height * 4 / 5 && x >= width / 3 && x < width / 2) {
          id = 26;
        }
        ids[y * width + x] = (byte) id;
      }
    }
    return Png.encode(Raster.gray8(width, height, ids));
  }

  /** {@code png} with its top-left pixel set to {@code value}. */
  private static byte[] withPixel(byte[] png, int width, int height, int value) {
    byte[] ids = Png.decode(png).bytes().clone();
    ids[0] = (byte) value;
    return Png.encode(Raster.gray8(width, height, ids));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}

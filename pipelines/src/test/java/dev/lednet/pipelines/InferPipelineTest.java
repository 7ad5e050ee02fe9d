package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lednet infer} on the committed testdata's val frames (random LEDNet, small input). */
class InferPipelineTest {

  @TempDir Path work;

  private LednetRun infer(Path dataset, String... more) {
    String[] base = {
      "infer", "--dataset=" + dataset, "--split=val", "--output=" + work.resolve("out"),
      "--outputs=server,trainIds,color,overlay", "--input-size=256x128", "--batch-size=3"
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return LednetRun.of(args);
  }

  @Test
  void everyFrameGetsFullResolutionOutputsThatAgreeWithEachOther() throws IOException {
    LednetRun run = infer(PreparePipelineTest.TESTDATA);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("4 frames segmented"), run.out());
    assertTrue(run.out().contains("RANDOM weights"), run.out());
    Path out = work.resolve("out");
    Path image =
        PreparePipelineTest.TESTDATA.resolve("leftImg8bit/val/frankfurt/frankfurt_000001_000019_leftImg8bit.png");
    Raster input = Png.decode(Files.readAllBytes(image));
    Raster server = read(out.resolve("server/val/frankfurt/frankfurt_000001_000019_leftImg8bit.png"));
    Raster trainIds = read(out.resolve("trainIds/val/frankfurt/frankfurt_000001_000019_trainIds.png"));
    Raster color = read(out.resolve("color/val/frankfurt/frankfurt_000001_000019_color.png"));
    Raster overlay = read(out.resolve("overlay/val/frankfurt/frankfurt_000001_000019_overlay.png"));
    assertEquals(Raster.Format.GRAY8, server.format());
    assertEquals(input.width(), server.width());
    assertEquals(input.height(), server.height());
    int[] colors = CityscapesLabels.trainIdToColorTable();
    for (int y = 0; y < input.height(); y += 37) {
      for (int x = 0; x < input.width(); x += 41) {
        int t = trainIds.sample(x, y, 0);
        assertTrue(t < 19 || t == 255, "trainId " + t);
        assertEquals(CityscapesLabels.idOfTrainId(t), server.sample(x, y, 0));
        int rgb = colors[t];
        assertEquals(rgb >> 16 & 0xff, color.sample(x, y, 0));
        int expected = t == 255 ? input.sample(x, y, 1) : (input.sample(x, y, 1) + (rgb >> 8 & 0xff) + 1) >> 1;
        assertEquals(expected, overlay.sample(x, y, 1));
      }
    }
  }

  @Test
  void aSecondRunSkipsFramesThatAreDone() throws IOException {
    assertEquals(0, infer(PreparePipelineTest.TESTDATA).exitCode());
    Path server = work.resolve("out/server/val/lindau/lindau_000000_000019_leftImg8bit.png");
    byte[] before = Files.readAllBytes(server);
    Files.delete(work.resolve("out/color/val/lindau/lindau_000000_000019_color.png"));
    LednetRun again = infer(PreparePipelineTest.TESTDATA);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("1 frames segmented, 3 skipped"), again.out());
    assertArrayEquals(before, Files.readAllBytes(server));
  }

  @Test
  void anUndecodableImageIsReportedAndTheRestFinish() throws IOException {
    Path dataset = work.resolve("dataset");
    Path val = PreparePipelineTest.TESTDATA.resolve("leftImg8bit/val");
    try (Stream<Path> files = Files.walk(val)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = dataset.resolve("leftImg8bit/val").resolve(val.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    Path broken = dataset.resolve("leftImg8bit/val/munster/munster_000000_000019_leftImg8bit.png");
    Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(broken), 100));
    Path errors = work.resolve("errors.jsonl");
    LednetRun run = infer(dataset, "--errors=" + errors);
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.out().contains("3 frames segmented"), run.out());
    String report = Files.readString(errors);
    assertTrue(report.contains("munster_000000_000019") && report.contains("SegmentFrames"), report);
  }

  /** Bundle batching and the shared model hold on a distributed engine: the same bytes come out. */
  @Test
  void flinkRunnerWritesTheSameFilesAsTheDirectRunner() throws IOException {
    assertEquals(0, infer(PreparePipelineTest.TESTDATA).exitCode());
    Path direct = work.resolve("out");
    Path flink = work.resolve("flink");
    LednetRun onFlink =
        LednetRun.of(
            "infer", "--dataset=" + PreparePipelineTest.TESTDATA, "--split=val", "--output=" + flink,
            "--outputs=server,trainIds,color,overlay", "--input-size=256x128", "--batch-size=3",
            "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    assertEquals(0, onFlink.exitCode(), onFlink.out() + onFlink.err());
    try (Stream<Path> files = Files.walk(direct)) {
      List<Path> written = files.filter(Files::isRegularFile).toList();
      assertEquals(16, written.size());
      for (Path file : written) {
        assertArrayEquals(
            Files.readAllBytes(file), Files.readAllBytes(flink.resolve(direct.relativize(file))), file.toString());
      }
    }
  }

  private static Raster read(Path png) throws IOException {
    return Png.decode(Files.readAllBytes(png), png.toString());
  }
}

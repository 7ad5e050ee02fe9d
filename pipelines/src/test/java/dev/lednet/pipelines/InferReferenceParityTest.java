package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lednet infer --outputs server} against the reference {@code eval_cityscapes_server.py}
 * pipeline run with PyTorch on the same frames and weights (data and how it was made:
 * resources/inferparity/README.md). Only near-ties of the arg-max may differ.
 */
class InferReferenceParityTest {

  private static final Path DATA = Path.of("src/test/resources/inferparity");
  private static final String FRANKFURT = "val/frankfurt/frankfurt_000001_000019_leftImg8bit.png";
  private static final String LINDAU = "val/lindau/lindau_000000_000019_leftImg8bit.png";

  @TempDir static Path work;

  @BeforeAll
  static void infer() throws IOException {
    Path dataset = work.resolve("cityscapes");
    for (String frame : new String[] {FRANKFURT, LINDAU}) {
      Path target = dataset.resolve("leftImg8bit").resolve(frame);
      Files.createDirectories(target.getParent());
      Files.copy(PreparePipelineTest.TESTDATA.resolve("leftImg8bit").resolve(frame), target);
    }
    LednetRun run =
        LednetRun.of(
            "infer",
            "--dataset=" + dataset,
            "--split=val",
            "--model=" + DATA.resolve("lednet20_datainit.npz"),
            "--output=" + work.resolve("out"),
            "--outputs=server",
            "--batch-size=2");
    assertEquals(0, run.exitCode(), run.out() + run.err());
  }

  @Test
  void serverPngOfAFullSizeFrameEqualsTheReferenceOnAtLeast999Of1000Pixels() throws IOException {
    assertAgree(
        read(DATA.resolve("expected/server").resolve(FRANKFURT)),
        read(work.resolve("out/server").resolve(FRANKFURT)));
  }

  /** The reference writes 2048x1024 for any input; the server needs the frame's own size. */
  @Test
  void serverPngOfASmallFrameHasItsSizeAndTheReferenceClasses() throws IOException {
    Raster ours = read(work.resolve("out/server").resolve(LINDAU));
    assertEquals(512, ours.width());
    assertEquals(256, ours.height());
    assertAgree(read(DATA.resolve("expected/server_inputsize").resolve(LINDAU)), ours);
  }

  @Test
  void networkInputIsPillowsResizeExactly() throws IOException {
    Raster frame = read(PreparePipelineTest.TESTDATA.resolve("leftImg8bit").resolve(FRANKFURT));
    Raster expected = read(DATA.resolve("expected/resized_1024x512/frankfurt_000001_000019.png"));
    assertArrayEquals(expected.bytes(), Resize.bilinear(frame, 1024, 512).bytes());
  }

  private static void assertAgree(Raster expected, Raster actual) {
    assertEquals(Raster.Format.GRAY8, actual.format());
    assertEquals(expected.width(), actual.width());
    assertEquals(expected.height(), actual.height());
    byte[] a = expected.bytes();
    byte[] b = actual.bytes();
    int differ = 0;
    for (int i = 0; i < a.length; i++) {
      differ += a[i] != b[i] ? 1 : 0;
    }
    double share = (double) differ / a.length;
    assertTrue(share <= 0.001, differ + " of " + a.length + " pixels differ (" + share * 100 + " %)");
  }

  private static Raster read(Path png) throws IOException {
    return Png.decode(Files.readAllBytes(png), png.toString());
  }
}

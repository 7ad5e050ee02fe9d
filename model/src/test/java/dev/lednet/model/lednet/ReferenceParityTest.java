package dev.lednet.model.lednet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lednet.model.LednetSegmenter;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.Segmenter;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.StateDictReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java LEDNet against the reference PyTorch {@code Net(20)} on seeded random weights with
 * randomised BatchNorm statistics (data and how it was made: resources/parity/README.md).
 */
class ReferenceParityTest {

  private static final float TOLERANCE = 1e-4f;
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  @Test
  void referenceDecoderAt512x1024MatchesPyTorch() throws Exception {
    try (LednetSegmenter net = open("lednet20_random.npz", DecoderMode.REFERENCE, false)) {
      NDArray x = image("input_512x1024.png");
      NDList expected = expected("expected_512x1024.npz");
      NDArray features = encoder(net, x);
      assertClose(expected.get("encoder_grid"), features.get("0, :, ::4, ::4"), "encoder");
      assertClose(expected.get("apn"), apn(net, features), "apn");
      NDArray out = net.forward(x);
      assertEquals(new Shape(1, 20, 512, 1024), out.getShape());
      assertClose(expected.get("grid"), out.get("0, :, ::16, ::16"), "grid");
      assertClose(expected.get("crop"), out.get("0, :, 200:232, 500:564"), "crop");
      assertSum(expected.get("logits_sum"), out);
    }
  }

  @Test
  void referenceDecoderUpsamplesA256x512InputTo512x1024() throws Exception {
    try (LednetSegmenter net = open("lednet20_random.npz", DecoderMode.REFERENCE, false)) {
      NDArray x = image("input_256x512.png");
      NDList expected = expected("expected_256x512_reference.npz");
      assertClose(expected.get("apn"), apn(net, encoder(net, x)), "apn");
      NDArray out = net.forward(x);
      assertEquals(new Shape(1, 20, 512, 1024), out.getShape());
      assertClose(expected.get("grid"), out.get("0, :, ::16, ::16"), "grid");
      assertClose(expected.get("crop"), out.get("0, :, 200:232, 500:564"), "crop");
      assertSum(expected.get("logits_sum"), out);
    }
  }

  @Test
  void inputDecoderUpsamplesToTheInputSize() throws Exception {
    try (LednetSegmenter net = open("lednet20_random.npz", DecoderMode.INPUT, false)) {
      NDArray out = net.forward(image("input_256x512.png"));
      NDList expected = expected("expected_256x512_input.npz");
      assertEquals(new Shape(1, 20, 256, 512), out.getShape());
      assertClose(expected.get("grid"), out.get("0, :, ::8, ::8"), "grid");
      assertClose(expected.get("crop"), out.get("0, :, 100:132, 200:264"), "crop");
      assertSum(expected.get("logits_sum"), out);
    }
  }

  @Test
  void encoderOnlyPredictionMatchesPyTorch() throws Exception {
    try (LednetSegmenter net = open("lednet20_random.npz", DecoderMode.INPUT, false)) {
      NDArray out =
          net.network()
              .forwardEncoderOnly(
                  new ParameterStore(manager, false), new NDList(image("input_256x512.png")), false, null)
              .singletonOrThrow();
      assertClose(expected("expected_256x512_encoder_only.npz").get("output"), out, "encoder only");
    }
  }

  /** With the given weights parts of the APN pyramid are dead; these overrides bring them alive. */
  @Test
  void livePyramidAndFoldedBatchNormMatchPyTorch() throws Exception {
    StateDict weights = StateDictReader.read(resource("lednet20_random.npz"));
    StateDict overrides = StateDictReader.read(resource("lednet20_random_apn_live.npz"));
    StateDict.Builder merged = StateDict.builder();
    for (String key : weights.keys()) {
      merged.put(key, overrides.contains(key) ? overrides.get(key) : weights.get(key));
    }
    Path file = Files.createTempDirectory("parity").resolve("live.npz");
    dev.lednet.model.weights.StateDictWriter.writeNpz(merged.build(), file);
    NDList expected = expected("expected_256x512_apn_live.npz");
    NDArray x = image("input_256x512.png");
    for (boolean fold : new boolean[] {false, true}) {
      try (LednetSegmenter net = (LednetSegmenter) ModelFiles.open(file, options(DecoderMode.REFERENCE, fold))) {
        assertClose(expected.get("apn_grid"), apn(net, encoder(net, x)).get("0, :, ::2, ::2"), "apn, fold " + fold);
        NDArray out = net.forward(x);
        assertArrayEquals(
            expected.get("argmax_grid").toLongArray(),
            out.get("0, :, ::16, ::16").argMax(0).toLongArray(),
            "arg-max, fold " + fold);
        assertSum(expected.get("logits_sum"), out);
      }
    }
  }

  @Test
  void torchScriptModelRunsAsAnySegmenter() throws Exception {
    try (Segmenter model = ModelFiles.open(resource("tiny_segmenter.pt"), ModelFiles.Options.defaults())) {
      NDArray out = model.forward(image("input_256x512.png"));
      NDList expected = expected("tiny_segmenter_expected.npz");
      assertEquals(new Shape(1, 5, 256, 512), out.getShape());
      assertClose(expected.get("grid"), out.get("0, :, ::8, ::8"), "grid");
      assertArrayEquals(
          expected.get("argmax_grid").toLongArray(), out.get("0, :, ::8, ::8").argMax(0).toLongArray());
    }
  }

  private static ModelFiles.Options options(DecoderMode mode, boolean fold) {
    return ModelFiles.Options.defaults().withDecoder(mode).withFoldBatchNorm(fold);
  }

  private static LednetSegmenter open(String weights, DecoderMode mode, boolean fold) throws Exception {
    return (LednetSegmenter) ModelFiles.open(resource(weights), options(mode, fold));
  }

  private static NDArray encoder(LednetSegmenter net, NDArray x) {
    return net.network()
        .encoder()
        .forward(new ParameterStore(manager, false), new NDList(x), false)
        .singletonOrThrow();
  }

  private static NDArray apn(LednetSegmenter net, NDArray features) {
    return net.network()
        .decoder()
        .apn()
        .forward(new ParameterStore(manager, false), new NDList(features), false)
        .singletonOrThrow();
  }

  private static void assertClose(NDArray expected, NDArray actual, String what) {
    assertEquals(expected.size(), actual.size(), what + " size");
    float diff = expected.reshape(-1).sub(actual.reshape(-1)).abs().max().getFloat();
    assertTrue(diff <= TOLERANCE, what + ": max |difference| " + diff + " > " + TOLERANCE);
  }

  private static void assertSum(NDArray expectedSum, NDArray out) {
    double expected = expectedSum.getDouble();
    double actual = out.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).sum().getDouble();
    // The grid and crop checks bound single scores; the sum bounds their mean error everywhere.
    assertEquals(expected, actual, out.size() * 1e-5, "sum of all scores");
  }

  private static NDArray image(String name) throws Exception {
    BufferedImage img;
    try (InputStream in = Files.newInputStream(resource(name))) {
      img = ImageIO.read(in);
    }
    int h = img.getHeight();
    int w = img.getWidth();
    float[] chw = new float[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        chw[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
        chw[h * w + y * w + x] = ((rgb >> 8) & 0xff) / 255f;
        chw[2 * h * w + y * w + x] = (rgb & 0xff) / 255f;
      }
    }
    return manager.create(chw, new Shape(1, 3, h, w));
  }

  private static NDList expected(String name) throws IOException, URISyntaxException {
    try (InputStream in = Files.newInputStream(resource(name))) {
      return NDList.decode(manager, in);
    }
  }

  static Path resource(String name) throws URISyntaxException {
    return Paths.get(ReferenceParityTest.class.getResource("/parity/" + name).toURI());
  }
}

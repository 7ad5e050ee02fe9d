package dev.lednet.stages.evaluate;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class CheckServerPngsTest {

  private static final int WIDTH = 32;
  private static final int HEIGHT = 16;
  private static final PredictionValidator VALIDATOR = PredictionValidator.forIds(IdSpace.LABEL_IDS);

  @TempDir Path tmp;

  @Test
  void eachFramesOnePngIsCheckedWithItsZipNameSizeAndCrc(TestPipeline p) throws IOException {
    Path berlin =
        write("test/berlin/berlin_000000_000019_leftImg8bit.png", labelIds(WIDTH, HEIGHT, 7, 11, 23, 26));
    Path bonn = write("bonn_000000_000019_pred.png", labelIds(WIDTH, HEIGHT, 0, 33));
    Path notes = write("notes/overview.png", labelIds(WIDTH, HEIGHT, 0));

    PCollectionTuple checked =
        p.apply(Create.of(frame("berlin_000000_000019"), frame("bonn_000000_000019")))
            .apply(CheckServerPngs.under(predictions().toString()));

    PAssert.that(checked.get(CheckServerPngs.CHECKED))
        .containsInAnyOrder(
            serverPng("berlin_000000_000019", berlin, "test/berlin/berlin_000000_000019_leftImg8bit.png"),
            serverPng("bonn_000000_000019", bonn, "bonn_000000_000019_pred.png"));
    PAssert.that(checked.get(CheckServerPngs.FAILURES)).empty();
    PAssert.that(checked.get(CheckServerPngs.WARNINGS))
        .containsInAnyOrder(
            Failure.create(
                "overview.png", notes.toString(), CheckServerPngs.STAGE, CheckServerPngs.FITS_NO_FRAME));
    p.run().waitUntilFinish();
  }

  @Test
  void formatSizeAndValueProblemsAreFailuresWithEvaluatesMessages(TestPipeline p) throws IOException {
    Raster colour = Raster.rgb(WIDTH, HEIGHT, new byte[WIDTH * HEIGHT * 3]);
    Raster sixteenBit = Raster.gray16(WIDTH, HEIGHT, new short[WIDTH * HEIGHT]);
    Path rgb = write("a/berlin_000000_000019.png", Png.encode(colour));
    Path deep = write("a/berlin_000000_000020.png", Png.encode(sixteenBit));
    Path small = write("a/berlin_000000_000021.png", labelIds(WIDTH / 2, HEIGHT, 7));
    Path stray = write("a/berlin_000000_000022.png", labelIds(WIDTH, HEIGHT, 7, 34, 35));
    Path trainIds = write("a/berlin_000000_000023.png", labelIds(WIDTH, HEIGHT, 0, 13, 18));

    PCollectionTuple checked =
        p.apply(
                Create.of(
                    frame("berlin_000000_000019"),
                    frame("berlin_000000_000020"),
                    frame("berlin_000000_000021"),
                    frame("berlin_000000_000022"),
                    frame("berlin_000000_000023")))
            .apply(CheckServerPngs.under(predictions().toString()));

    long[] strayValues = histogram(WIDTH * HEIGHT, 7, 34, 35);
    long[] trainIdValues = histogram(WIDTH * HEIGHT, 0, 13, 18);
    PAssert.that(checked.get(CheckServerPngs.FAILURES))
        .containsInAnyOrder(
            failure("berlin_000000_000019", rgb, VALIDATOR.formatError(colour, WIDTH, HEIGHT).get()),
            failure("berlin_000000_000020", deep, VALIDATOR.formatError(sixteenBit, WIDTH, HEIGHT).get()),
            failure(
                "berlin_000000_000021",
                small,
                "prediction is 16x16 but the ground truth is 32x16; predictions must have the"
                    + " ground truth's size"),
            failure("berlin_000000_000022", stray, VALIDATOR.valueError(strayValues).get()));
    PAssert.that(checked.get(CheckServerPngs.WARNINGS))
        .containsInAnyOrder(failure("berlin_000000_000023", trainIds, VALIDATOR.warning(trainIdValues).get()));
    PAssert.that(checked.get(CheckServerPngs.CHECKED))
        .containsInAnyOrder(serverPng("berlin_000000_000023", trainIds, "a/berlin_000000_000023.png"));
    p.run().waitUntilFinish();
  }

  @Test
  void aPngWhoseNameFitsTwoFramesIsAFailureOfEach(TestPipeline p) throws IOException {
    Path both = write("ulm_000001_0000190_leftImg8bit.png", labelIds(WIDTH, HEIGHT, 7));

    PCollectionTuple checked =
        p.apply(Create.of(frame("ulm_000001_000019"), frame("ulm_000001_0000190")))
            .apply(CheckServerPngs.under(predictions().toString()));

    String reason =
        "prediction fits 2 frames (ulm_000001_000019, ulm_000001_0000190): the official script"
            + " would score it for each; name it after one frame";
    PAssert.that(checked.get(CheckServerPngs.FAILURES))
        .containsInAnyOrder(
            failure("ulm_000001_000019", both, reason), failure("ulm_000001_0000190", both, reason));
    p.run().waitUntilFinish();
  }

  @Test
  void aFrameWithoutPngAndAFrameWithTwoAreMatchPredictionsFailures(TestPipeline p) throws IOException {
    Path first = write("a/bonn_000000_000019_leftImg8bit.png", labelIds(WIDTH, HEIGHT, 7));
    Path second = write("b/bonn_000000_000019_copy.png", labelIds(WIDTH, HEIGHT, 7));
    String root = predictions().toString();

    PCollectionTuple checked =
        p.apply(Create.of(frame("bonn_000000_000019"), frame("bonn_000000_000020")))
            .apply(CheckServerPngs.under(root));

    PAssert.that(checked.get(CheckServerPngs.FAILURES))
        .containsInAnyOrder(
            Failure.create(
                "bonn_000000_000019",
                first.toString(),
                MatchPredictions.STAGE,
                "2 predictions for frame bonn_000000_000019, expected one: " + first + ", " + second),
            Failure.create(
                "bonn_000000_000020",
                root + "/**/bonn_000000_000020*.png",
                MatchPredictions.STAGE,
                "no prediction for frame bonn_000000_000020"));
    PAssert.that(checked.get(CheckServerPngs.CHECKED)).empty();
    p.run().waitUntilFinish();
  }

  private Path predictions() {
    return tmp.resolve("predictions");
  }

  /** A frame whose leftImg8bit image is a WIDTH x HEIGHT RGB PNG. */
  private Frame frame(String id) throws IOException {
    String city = id.substring(0, id.indexOf('_'));
    Path image = tmp.resolve("cityscapes/leftImg8bit/test/" + city + "/" + id + "_leftImg8bit.png");
    Files.createDirectories(image.getParent());
    Files.write(image, Png.encode(Raster.rgb(WIDTH, HEIGHT, new byte[WIDTH * HEIGHT * 3])));
    return Frame.create(id, "test", city, Map.of(CheckServerPngs.IMAGE, image.toString()));
  }

  private Path write(String relative, byte[] png) throws IOException {
    Path path = predictions().resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.write(path, png);
  }

  /** An 8-bit gray PNG whose pixels take {@code values} in turn. */
  private static byte[] labelIds(int width, int height, int... values) {
    byte[] pixels = new byte[width * height];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) values[i % values.length];
    }
    return Png.encode(Raster.gray8(width, height, pixels));
  }

  private static long[] histogram(int pixels, int... values) {
    long[] histogram = new long[256];
    for (int i = 0; i < pixels; i++) {
      histogram[values[i % values.length]]++;
    }
    return histogram;
  }

  private static ServerPng serverPng(String id, Path file, String entryName) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return ServerPng.create(id, file.toString(), entryName, bytes.length, crc.getValue());
  }

  private static Failure failure(String id, Path file, String reason) {
    return Failure.create(id, file.toString(), CheckServerPngs.STAGE, reason);
  }
}

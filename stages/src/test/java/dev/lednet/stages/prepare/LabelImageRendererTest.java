package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.stages.image.Raster;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pixel of every output against the PNGs that cityscapesScripts' json2labelImg.py and
 * json2instanceImg.py wrote with Pillow 9.4.0 for the committed annotations (see the README next
 * to them).
 */
class LabelImageRendererTest {

  private static final String RESOURCES = "/dev/lednet/stages/prepare/";
  private static final String AACHEN = "aachen_000000_000001_gtFine";
  private static final String BOCHUM = "bochum_000000_000002_gtCoarse";

  static Stream<Arguments> officialOutputs() {
    return Stream.of(AACHEN, BOCHUM)
        .flatMap(frame -> Stream.of(LabelOutput.values()).map(output -> Arguments.of(frame, output)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("officialOutputs")
  void everyPixelMatchesTheOfficialTools(String frame, LabelOutput output) {
    Raster actual = render(frame).raster(output);
    ExpectedImages.Samples expected =
        ExpectedImages.read(RESOURCES + frame + "_" + output.suffix() + ".png");

    assertEquals(output.format(), actual.format());
    assertEquals(expected.width(), actual.width());
    assertEquals(expected.height(), actual.height());
    assertEquals(expected.channels(), actual.channels());
    int mismatches = 0;
    String first = null;
    for (int y = 0; y < actual.height(); y++) {
      for (int x = 0; x < actual.width(); x++) {
        for (int c = 0; c < actual.channels(); c++) {
          if (actual.sample(x, y, c) != expected.at(x, y, c)) {
            mismatches++;
            if (first == null) {
              first = "(" + x + "," + y + ")[" + c + "]: " + actual.sample(x, y, c) + " != " + expected.at(x, y, c);
            }
          }
        }
      }
    }
    assertEquals(0, mismatches, "mismatching samples, first " + first);
  }

  @Test
  void carsAreNumberedInFileOrderSkippingDeletedAndGroups() {
    LabelImages images = render(AACHEN);
    Raster ids = images.raster(LabelOutput.INSTANCE_IDS);
    assertEquals(26000, ids.sample(14, 33, 0));
    assertEquals(26001, ids.sample(25, 36, 0));
    assertEquals(26, ids.sample(50, 34, 0), "cargroup: the class id, no instance number");
    assertEquals(26002, ids.sample(50, 42, 0), "the deleted car before took no number");
  }

  @Test
  void licensePlateIsNotDrawnSoTheCarShowsThrough() {
    LabelImages images = render(AACHEN);
    assertEquals(26000, images.raster(LabelOutput.INSTANCE_IDS).sample(12, 37, 0));
    assertEquals(26, images.raster(LabelOutput.LABEL_IDS).sample(12, 37, 0));
  }

  @Test
  void caravanAndTrailerHaveTrainId255WithoutInstanceNumber() {
    LabelImages images = render(AACHEN);
    Raster trainIds = images.raster(LabelOutput.INSTANCE_TRAIN_IDS);
    Raster ids = images.raster(LabelOutput.INSTANCE_IDS);
    assertEquals(255, trainIds.sample(40, 18, 0));
    assertEquals(255, trainIds.sample(40, 25, 0));
    assertEquals(29000, ids.sample(40, 18, 0));
    assertEquals(30000, ids.sample(40, 25, 0));
    assertEquals(29001, ids.sample(58, 24, 0));
  }

  @Test
  void unknownGroupNameFallsBackToItsBaseLabelEvenWithoutInstances() {
    // "roadgroup" is not a label; json2labelImg strips "group" whatever the class.
    LabelImages images = render(AACHEN);
    assertEquals(7, images.raster(LabelOutput.LABEL_IDS).sample(58, 44, 0));
    assertEquals(0, images.raster(LabelOutput.INSTANCE_TRAIN_IDS).sample(58, 44, 0));
  }

  @Test
  void backgroundIsUnlabeledInEveryEncoding() {
    LabelImages images = render(AACHEN);
    int x = 63;
    int y = 21;
    assertEquals(0, images.raster(LabelOutput.LABEL_IDS).sample(x, y, 0));
    assertEquals(255, images.raster(LabelOutput.LABEL_TRAIN_IDS).sample(x, y, 0));
    assertEquals(0, images.raster(LabelOutput.INSTANCE_IDS).sample(x, y, 0));
    assertEquals(255, images.raster(LabelOutput.INSTANCE_TRAIN_IDS).sample(x, y, 0));
    Raster color = images.raster(LabelOutput.COLOR);
    assertEquals(0, color.sample(x, y, 0) | color.sample(x, y, 1) | color.sample(x, y, 2));
    assertEquals(255, color.sample(x, y, 3));
  }

  private static LabelImages render(String frame) {
    byte[] json = ExpectedImages.resourceBytes(RESOURCES + frame + "_polygons.json");
    return new LabelImageRenderer().render(CityscapesAnnotation.parse(json));
  }
}

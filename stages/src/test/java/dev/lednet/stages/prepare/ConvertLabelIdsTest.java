package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ConvertLabelIdsTest {

  private static final String RESOURCES = "/dev/lednet/stages/prepare/";
  private static final String AACHEN = "aachen_000000_000001";

  @Test
  void officialLabelIdsGiveTheOfficialTrainIdsAndColors(TestPipeline p) {
    PCollectionTuple converted =
        p.apply(Create.of(labelIdsFrame(AACHEN, "gtFine_labelIds.png")))
            .apply(ConvertLabelIds.to(LabelOutput.LABEL_TRAIN_IDS, LabelOutput.COLOR));

    String dir = "/data/gtFine/val/aachen/";
    PAssert.that(
            converted
                .get(ConvertLabelIds.FILES)
                .apply(MapElements.via(new ConvertPolygonsTest.PathAndPixels())))
        .containsInAnyOrder(
            dir + AACHEN + "_gtFine_labelTrainIds.png " + expected(AACHEN + "_gtFine_labelTrainIds"),
            dir + AACHEN + "_gtFine_color.png " + expected(AACHEN + "_gtFine_color"));
    PAssert.that(converted.get(ConvertLabelIds.FAILURES)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void imagesThatAreNotLabelIdsGoToFailures(TestPipeline p) {
    String path = "/data/gtFine/val/aachen/" + AACHEN + "_gtFine_labelIds.png";
    PCollectionTuple converted =
        p.apply(
                Create.of(
                    labelIdsFrame(AACHEN, "gtFine_color.png"),
                    labelIdsFrame("bonn_000000_000001", AACHEN + "_gtFine_instanceIds.png"),
                    labelIdsFrame("bonn_000000_000002", AACHEN + "_gtFine_labelTrainIds.png")))
            .apply(ConvertLabelIds.to(LabelOutput.LABEL_TRAIN_IDS));

    PAssert.that(converted.get(ConvertLabelIds.FAILURES))
        .containsInAnyOrder(
            Failure.create(
                AACHEN, path, "ConvertLabelIds", "a labelIds PNG is 8-bit gray, this one is 64x48 8-bit RGBA"),
            Failure.create(
                "bonn_000000_000001",
                "/data/gtFine/val/bonn/bonn_000000_000001_gtFine_labelIds.png",
                "ConvertLabelIds",
                "a labelIds PNG is 8-bit gray, this one is 64x48 16-bit GRAY"),
            Failure.create(
                "bonn_000000_000002",
                "/data/gtFine/val/bonn/bonn_000000_000002_gtFine_labelIds.png",
                "ConvertLabelIds",
                "value 255 at (2, 10) is not a Cityscapes labelId (0..33), nor are 641 other pixels:"
                    + " not a labelIds image?"));
    PAssert.that(converted.get(ConvertLabelIds.FILES)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void outputsThatNeedPolygonsAreRefusedWhenBuilt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ConvertLabelIds.to(LabelOutput.INSTANCE_IDS));
    assertEquals("instanceIds cannot be made from labelIds: use ConvertPolygons", e.getMessage());
  }

  /** A frame whose gtFine_labelIds payload is the committed file {@code resourceName}. */
  private static FrameContent labelIdsFrame(String id, String resourceName) {
    String city = id.substring(0, id.indexOf('_'));
    String resource = resourceName.startsWith(AACHEN) ? resourceName : AACHEN + "_" + resourceName;
    String path = "/data/gtFine/val/" + city + "/" + id + "_gtFine_labelIds.png";
    return FrameContent.of(
        Frame.create(id, "val", city, Map.of("gtFine_labelIds", path)),
        Map.of("gtFine_labelIds", ExpectedImages.resourceBytes(RESOURCES + resource)));
  }

  private static String expected(String name) {
    return ExpectedImages.digest(ExpectedImages.read(RESOURCES + name + ".png"));
  }
}

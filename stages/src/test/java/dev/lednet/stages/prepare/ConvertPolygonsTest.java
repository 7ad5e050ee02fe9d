package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.image.Png;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ConvertPolygonsTest {

  private static final String RESOURCES = "/dev/lednet/stages/prepare/";
  private static final String AACHEN = "aachen_000000_000001";
  private static final String BOCHUM = "bochum_000000_000002";

  @Test
  void writesEveryOutputUnderTheRootWithTheOfficialPixels(TestPipeline p) {
    PCollectionTuple converted =
        p.apply(Create.of(frame(AACHEN, "val", "gtFine")))
            .apply(ConvertPolygons.toAllOutputs().withOutputRoot("/out"));

    String dir = "/out/gtFine/val/aachen/";
    PAssert.that(converted.get(ConvertPolygons.FILES).apply(MapElements.via(new PathAndPixels())))
        .containsInAnyOrder(
            dir + AACHEN + "_gtFine_labelIds.png " + expected(AACHEN + "_gtFine_labelIds"),
            dir + AACHEN + "_gtFine_labelTrainIds.png " + expected(AACHEN + "_gtFine_labelTrainIds"),
            dir + AACHEN + "_gtFine_color.png " + expected(AACHEN + "_gtFine_color"),
            dir + AACHEN + "_gtFine_instanceIds.png " + expected(AACHEN + "_gtFine_instanceIds"),
            dir + AACHEN + "_gtFine_instanceTrainIds.png "
                + expected(AACHEN + "_gtFine_instanceTrainIds"));
    PAssert.that(converted.get(ConvertPolygons.FAILURES)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void coarseAnnotationsKeepTheirTypeAndGoBesideTheirPolygons(TestPipeline p) {
    PCollectionTuple converted =
        p.apply(Create.of(frame(BOCHUM, "train_extra", "gtCoarse")))
            .apply(
                ConvertPolygons.to(LabelOutput.LABEL_TRAIN_IDS, LabelOutput.INSTANCE_TRAIN_IDS)
                    .withAnnotationType("gtCoarse"));

    String dir = "/data/gtCoarse/train_extra/bochum/";
    PAssert.that(converted.get(ConvertPolygons.FILES).apply(MapElements.via(new PathAndPixels())))
        .containsInAnyOrder(
            dir + BOCHUM + "_gtCoarse_labelTrainIds.png " + expected(BOCHUM + "_gtCoarse_labelTrainIds"),
            dir + BOCHUM + "_gtCoarse_instanceTrainIds.png "
                + expected(BOCHUM + "_gtCoarse_instanceTrainIds"));
    p.run().waitUntilFinish();
  }

  @Test
  void badFramesGoToFailuresWithFileAndReason(TestPipeline p) {
    String polygons = "/data/gtFine/val/bonn/bonn_000000_000001_gtFine_polygons.json";
    Frame unknownLabel =
        Frame.create("bonn_000000_000001", "val", "bonn", Map.of("gtFine_polygons", polygons));
    Frame withoutPolygons = Frame.create("bonn_000000_000002", "val", "bonn", Map.of());
    byte[] json =
        ("{\"imgWidth\": 8, \"imgHeight\": 6, \"objects\": "
                + "[{\"label\": \"spaceship\", \"polygon\": [[0, 0], [4, 4], [0, 4]]}]}")
            .getBytes(StandardCharsets.UTF_8);

    PCollectionTuple converted =
        p.apply(
                Create.of(
                    FrameContent.of(unknownLabel, Map.of("gtFine_polygons", json)),
                    FrameContent.of(withoutPolygons, Map.of()),
                    frame(AACHEN, "val", "gtFine")))
            .apply(ConvertPolygons.to(LabelOutput.LABEL_IDS));

    PAssert.that(converted.get(ConvertPolygons.FAILURES))
        .containsInAnyOrder(
            Failure.create(
                "bonn_000000_000001", polygons, "ConvertPolygons", "object 0: label 'spaceship' not known"),
            Failure.create(
                "bonn_000000_000002",
                "bonn_000000_000002_gtFine_polygons.json",
                "ConvertPolygons",
                "frame bonn_000000_000002 was read without its gtFine_polygons file"));
    PAssert.that(converted.get(ConvertPolygons.FILES).apply(MapElements.via(new Path())))
        .containsInAnyOrder("/data/gtFine/val/aachen/" + AACHEN + "_gtFine_labelIds.png");
    p.run().waitUntilFinish();
  }

  @Test
  void outputKeyNamesTheOfficialFile() {
    Frame frame = Frame.create(AACHEN, "val", "aachen", Map.of());
    OutputKey key = new OutputKey(frame, "gtCoarse", LabelOutput.COLOR, "gtCoarse_polygons");
    assertEquals("gtCoarse_color", key.component());
    assertEquals(AACHEN + "_gtCoarse_color.png", key.fileName());
    assertEquals(
        "gs://b/cs/gtCoarse/val/aachen/" + AACHEN + "_gtCoarse_color.png",
        LabelDestinations.underRoot("gs://b/cs/").apply(key));
  }

  /** A frame whose polygons payload is the committed annotation, as discovery would name it. */
  static FrameContent frame(String id, String split, String type) {
    String city = id.substring(0, id.indexOf('_'));
    String component = type + "_polygons";
    String path = "/data/" + type + "/" + split + "/" + city + "/" + id + "_" + component + ".json";
    byte[] json = ExpectedImages.resourceBytes(RESOURCES + id + "_" + component + ".json");
    return FrameContent.of(
        Frame.create(id, split, city, Map.of(component, path)), Map.of(component, json));
  }

  private static String expected(String name) {
    return ExpectedImages.digest(ExpectedImages.read(RESOURCES + name + ".png"));
  }

  /** {@code path digest-of-decoded-pixels}. */
  static final class PathAndPixels extends SimpleFunction<EncodedFile, String> {
    @Override
    public String apply(EncodedFile file) {
      return file.getPath() + " " + ExpectedImages.digest(Png.decode(file.getBytes(), file.getPath()));
    }
  }

  static final class Path extends SimpleFunction<EncodedFile, String> {
    @Override
    public String apply(EncodedFile file) {
      return file.getPath();
    }
  }
}

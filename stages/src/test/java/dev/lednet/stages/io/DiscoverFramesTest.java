package dev.lednet.stages.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class DiscoverFramesTest {

  @TempDir Path root;

  private String touch(String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
    return file.toString();
  }

  @Test
  void joinsTheFilesOfEachFrameAcrossDirectories(TestPipeline p) throws IOException {
    String image = touch("leftImg8bit/val/aachen/aachen_000000_000019_leftImg8bit.png");
    String polygons = touch("gtFine/val/aachen/aachen_000000_000019_gtFine_polygons.json");
    String instances = touch("gtFine/val/aachen/aachen_000000_000019_gtFine_instanceIds.png");
    String image2 = touch("leftImg8bit/val/bonn/bonn_000001_000002_leftImg8bit.png");
    String polygons2 = touch("gtFine/val/bonn/bonn_000001_000002_gtFine_polygons.json");
    touch("leftImg8bit/train/aachen/aachen_000009_000019_leftImg8bit.png");

    PCollectionTuple found =
        p.apply(
            DiscoverFrames.in(root.toString())
                .withSplits("val")
                .withRequired("leftImg8bit", "gtFine_polygons")
                .withOptional("gtFine_instanceIds"));

    PAssert.that(found.get(DiscoverFrames.FRAMES))
        .containsInAnyOrder(
            Frame.create(
                "aachen_000000_000019",
                "val",
                "aachen",
                Map.of(
                    "leftImg8bit", image,
                    "gtFine_polygons", polygons,
                    "gtFine_instanceIds", instances)),
            Frame.create(
                "bonn_000001_000002",
                "val",
                "bonn",
                Map.of("leftImg8bit", image2, "gtFine_polygons", polygons2)));
    PAssert.that(found.get(DiscoverFrames.UNPAIRED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void reportsUnpairedFilesByNameInsteadOfDroppingThem(TestPipeline p) throws IOException {
    touch("leftImg8bit/val/aachen/aachen_000000_000019_leftImg8bit.png");
    touch("gtFine/val/aachen/aachen_000000_000019_gtFine_polygons.json");
    String lonelyImage = touch("leftImg8bit/val/aachen/aachen_000000_000020_leftImg8bit.png");
    String lonelyPolygons = touch("gtFine/val/bonn/bonn_000000_000001_gtFine_polygons.json");

    PCollectionTuple found =
        p.apply(
            DiscoverFrames.in(root.toString())
                .withSplits("val")
                .withRequired("leftImg8bit", "gtFine_polygons"));

    PAssert.that(found.get(DiscoverFrames.FRAMES).apply("Ids", ids())).containsInAnyOrder("aachen_000000_000019");
    PAssert.that(found.get(DiscoverFrames.UNPAIRED).apply("Describe", descriptions()))
        .containsInAnyOrder(
            lonelyImage + ": DiscoverFrames: unpaired: [" + lonelyImage + "] found but no gtFine_polygons",
            lonelyPolygons
                + ": DiscoverFrames: unpaired: ["
                + lonelyPolygons
                + "] found but no leftImg8bit");
    p.run().waitUntilFinish();
  }

  @Test
  void malformedFileNamesAreReportedWithThePath(TestPipeline p) throws IOException {
    touch("leftImg8bit/test/berlin/berlin_000000_000001_leftImg8bit.png");
    String bad = touch("leftImg8bit/test/berlin/berlin_0000x0_leftImg8bit.png");

    PCollectionTuple found = p.apply(DiscoverFrames.in(root.toString()).withSplits("test"));

    PAssert.that(found.get(DiscoverFrames.FRAMES).apply("Ids", ids())).containsInAnyOrder("berlin_000000_000001");
    PAssert.that(found.get(DiscoverFrames.UNPAIRED).apply("Files", files())).containsInAnyOrder(bad);
    p.run().waitUntilFinish();
  }

  @Test
  void aFrameInTwoSplitsIsReportedOnce(TestPipeline p) throws IOException {
    touch("leftImg8bit/train/ulm/ulm_000000_000001_leftImg8bit.png");
    touch("leftImg8bit/val/ulm/ulm_000000_000001_leftImg8bit.png");

    PCollectionTuple found = p.apply(DiscoverFrames.in(root.toString()).withSplits("train", "val"));

    PAssert.that(found.get(DiscoverFrames.FRAMES)).empty();
    PAssert.that(found.get(DiscoverFrames.UNPAIRED).apply("FailedIds", failedIds()))
        .containsInAnyOrder("ulm_000000_000001");
    p.run().waitUntilFinish();
  }

  @Test
  void anEmptyRootFindsNothing(TestPipeline p) {
    PCollectionTuple found = p.apply(DiscoverFrames.in(root.toString()).withSplits("val"));
    PAssert.that(found.get(DiscoverFrames.FRAMES)).empty();
    PAssert.that(found.get(DiscoverFrames.UNPAIRED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void layoutPatternsFollowCityscapes() {
    assertEquals(
        "gs://b/cs/gtFine/val/*/*_gtFine_polygons.json",
        DatasetLayout.pattern("gs://b/cs/", "val", "gtFine_polygons"));
    assertEquals(
        "/d/leftImg8bit/test/*/*_leftImg8bit.png", DatasetLayout.pattern("/d", "test", "leftImg8bit"));
    assertEquals(
        "/d/gtCoarse/train/ulm/ulm_000000_000001_gtCoarse_labelTrainIds.png",
        DatasetLayout.path("/d", "train", "ulm", "ulm_000000_000001", "gtCoarse_labelTrainIds"));
    assertEquals(List.of("gs://b"), List.of(DatasetLayout.join("gs://b/")));
  }

  private static MapElements<Frame, String> ids() {
    return MapElements.into(TypeDescriptors.strings()).via(Frame::getId);
  }

  private static MapElements<Failure, String> failedIds() {
    return MapElements.into(TypeDescriptors.strings()).via(Failure::getFrameId);
  }

  private static MapElements<Failure, String> files() {
    return MapElements.into(TypeDescriptors.strings()).via(Failure::getFile);
  }

  private static MapElements<Failure, String> descriptions() {
    return MapElements.into(TypeDescriptors.strings()).via(Failure::describe);
  }

}

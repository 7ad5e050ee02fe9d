package dev.lednet.stages.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.testing.FakeGcsServer;
import dev.lednet.stages.testing.LoopbackOnlyNetwork;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dataset stages on {@code gs://} roots, through Beam's real GcsFileSystem and a local GCS. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatasetOnGcsTest {
  private static LoopbackOnlyNetwork network;

  private final FakeGcsServer gcs = FakeGcsServer.start("data");

  @RegisterExtension
  final TestPipelineExtension pipelineExtension =
      TestPipelineExtension.fromOptions(gcs.pipelineOptions());

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
  void framesAreDiscoveredReadAndWrittenOnGcs(TestPipeline p) {
    gcs.putObject("gs://data/cs/leftImg8bit/val/ulm/ulm_000000_000001_leftImg8bit.png", bytes("image"));
    gcs.putObject("gs://data/cs/gtFine/val/ulm/ulm_000000_000001_gtFine_polygons.json", bytes("{}"));
    gcs.putObject("gs://data/cs/leftImg8bit/val/ulm/ulm_000000_000002_leftImg8bit.png", bytes("lonely"));

    PCollectionTuple found =
        p.apply(
            DiscoverFrames.in("gs://data/cs/")
                .withSplits("val")
                .withRequired("leftImg8bit", "gtFine_polygons"));
    PCollectionTuple read = found.get(DiscoverFrames.FRAMES).apply(ReadFrameContent.of("gtFine_polygons"));
    read.get(ReadFrameContent.CONTENT)
        .apply(
            "Copy",
            MapElements.into(TypeDescriptor.of(EncodedFile.class))
                .via(
                    (FrameContent c) ->
                        EncodedFile.create(
                            "gs://data/out/" + c.getFrame().getId() + ".json",
                            c.payload("gtFine_polygons"))))
        .apply(WriteFiles.create());
    PAssert.that(found.get(DiscoverFrames.FRAMES))
        .containsInAnyOrder(
            Frame.create(
                "ulm_000000_000001",
                "val",
                "ulm",
                Map.of(
                    "leftImg8bit", "gs://data/cs/leftImg8bit/val/ulm/ulm_000000_000001_leftImg8bit.png",
                    "gtFine_polygons", "gs://data/cs/gtFine/val/ulm/ulm_000000_000001_gtFine_polygons.json")));
    PAssert.that(
            found
                .get(DiscoverFrames.UNPAIRED)
                .apply("Files", MapElements.into(TypeDescriptor.of(String.class)).via(f -> f.getFile())))
        .containsInAnyOrder("gs://data/cs/leftImg8bit/val/ulm/ulm_000000_000002_leftImg8bit.png");
    p.run().waitUntilFinish();

    assertArrayEquals(bytes("{}"), gcs.objectContent("gs://data/out/ulm_000000_000001.json"));
  }

  @Test
  void fileBytesWritesAndReadsGcsObjects(TestPipeline p) throws Exception {
    gcs.registerWithFileSystems();
    FileBytes.write("gs://data/x/y.png", bytes("first"));
    FileBytes.write("gs://data/x/y.png", bytes("second"));
    assertArrayEquals(bytes("second"), FileBytes.read("gs://data/x/y.png"));
    assertTrue(FileBytes.exists("gs://data/x/y.png"));
    assertEquals(false, FileBytes.exists("gs://data/x/z.png"));
    assertEquals(List.of("gs://data/x/y.png"), gcs.objectUris());
    p.run().waitUntilFinish();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

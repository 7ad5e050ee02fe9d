package dev.lednet.stages.evaluate;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ComputeFrameConfusionTest {

  private static final String STAGE = "ComputeFrameConfusion";

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FrameContent committedFrame(Path groundTruth) {
    FrameId id = OfficialFrames.frameId(groundTruth);
    Map<String, Path> files =
        Map.of(
            "gtFine_labelIds", groundTruth,
            "gtFine_instanceIds", OfficialFrames.instanceIds(groundTruth),
            "prediction", OfficialFrames.prediction(groundTruth));
    Map<String, String> paths = new HashMap<>();
    Map<String, byte[]> payloads = new HashMap<>();
    files.forEach(
        (component, path) -> {
          paths.put(component, path.toString());
          payloads.put(component, read(path));
        });
    return FrameContent.of(Frame.create(id.toString(), "val", id.city(), paths), payloads);
  }

  private static byte[] gray8(int width, int height, int... values) {
    byte[] bytes = new byte[width * height];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) values[i % values.length];
    }
    return Png.encode(Raster.gray8(width, height, bytes));
  }

  private static byte[] gray16(int width, int height, int... values) {
    short[] shorts = new short[width * height];
    for (int i = 0; i < shorts.length; i++) {
      shorts[i] = (short) values[i % values.length];
    }
    return Png.encode(Raster.gray16(width, height, shorts));
  }

  /** A 4x2 frame {@code bad_000000_<n>} whose files live under /data/. */
  private static FrameContent frame(String number, Map<String, byte[]> payloads) {
    String id = "bad_000000_" + number;
    Map<String, String> paths = new HashMap<>();
    payloads.keySet().forEach(c -> paths.put(c, "/data/" + id + "_" + c + ".png"));
    return FrameContent.of(Frame.create(id, "val", "bad", paths), payloads);
  }

  private static Map<String, byte[]> goodPayloads() {
    Map<String, byte[]> payloads = new HashMap<>();
    payloads.put("gtFine_labelIds", gray8(4, 2, 7, 26));
    payloads.put("gtFine_instanceIds", gray16(4, 2, 7, 26001));
    payloads.put("prediction", gray8(4, 2, 7, 26));
    return payloads;
  }

  private static FrameContent withPayload(String number, String component, byte[] png) {
    Map<String, byte[]> payloads = goodPayloads();
    if (png == null) {
      payloads.remove(component);
    } else {
      payloads.put(component, png);
    }
    return frame(number, payloads);
  }

  private static Failure failure(String number, String component, String reason) {
    String id = "bad_000000_" + number;
    String file = component.startsWith("/") ? component : "/data/" + id + "_" + component + ".png";
    return Failure.create(id, file, STAGE, reason);
  }

  @Test
  void committedFramesGiveTheCountsOfTheArrayPath(TestPipeline pipeline) {
    List<FrameContent> frames = new ArrayList<>();
    OfficialFrames.groundTruthFiles().forEach(gt -> frames.add(committedFrame(gt)));
    PCollectionTuple out = pipeline.apply(Create.of(frames)).apply(ComputeFrameConfusion.create());
    List<FrameConfusion> expected = OfficialFrames.countAll();
    PAssert.that(out.get(ComputeFrameConfusion.COUNTS)).containsInAnyOrder(expected);
    PAssert.that(out.get(ComputeFrameConfusion.FAILURES)).empty();
    PAssert.that(out.get(ComputeFrameConfusion.WARNINGS)).empty();
    AggregateConfusion.SumConfusion fn = AggregateConfusion.combineFn();
    ConfusionSum sum = fn.createAccumulator();
    for (FrameConfusion frame : expected) {
      sum = fn.addInput(sum, frame);
    }
    PAssert.thatSingleton(out.get(ComputeFrameConfusion.COUNTS).apply(AggregateConfusion.globally()))
        .isEqualTo(fn.extractOutput(sum));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void framesThatCannotBeScoredGoToFailuresNamingTheFile(TestPipeline pipeline) {
    List<FrameContent> frames =
        List.of(
            withPayload("000001", "prediction", Png.encode(Raster.rgb(4, 2, new byte[24]))),
            withPayload("000002", "prediction", Png.encode(Raster.rgba(4, 2, new byte[32]))),
            withPayload("000003", "prediction", gray16(4, 2, 7)),
            withPayload("000004", "prediction", gray8(8, 2, 7)),
            withPayload("000005", "prediction", gray8(4, 2, 7, 34)),
            withPayload("000006", "gtFine_instanceIds", null),
            withPayload("000007", "gtFine_labelIds", gray8(4, 2, 7, 40)),
            withPayload("000008", "gtFine_instanceIds", gray16(4, 2, 7, 7001)),
            withPayload("000009", "gtFine_instanceIds", gray16(2, 2, 7)),
            withPayload("000010", "prediction", new byte[] {1, 2, 3}));
    PCollectionTuple out = pipeline.apply(Create.of(frames)).apply(ComputeFrameConfusion.create());
    PAssert.that(out.get(ComputeFrameConfusion.COUNTS)).empty();
    PAssert.that(out.get(ComputeFrameConfusion.FAILURES))
        .containsInAnyOrder(
            failure(
                "000001",
                "prediction",
                "prediction is a colour (RGB, 3-channel) image; the evaluation needs a"
                    + " single-channel 8-bit PNG of labelIds, not a colourised prediction"),
            failure(
                "000002",
                "prediction",
                "prediction is an RGBA (4-channel) image; the evaluation needs a single-channel"
                    + " 8-bit PNG of labelIds"),
            failure(
                "000003",
                "prediction",
                "prediction is a 16-bit image; the evaluation needs a single-channel 8-bit PNG of"
                    + " labelIds"),
            failure(
                "000004",
                "prediction",
                "prediction is 8x2 but the ground truth is 4x2; predictions must have the ground"
                    + " truth's size"),
            failure(
                "000005",
                "prediction",
                "prediction has values outside the labelIds 0..33: 34 (4 px)"),
            Failure.create(
                "bad_000000_000006",
                "gtFine_instanceIds",
                STAGE,
                "frame was read without its gtFine_instanceIds file"),
            failure(
                "000007",
                "gtFine_labelIds",
                "ground truth has value 40, outside the labelIds 0..33"),
            failure(
                "000008",
                "gtFine_instanceIds",
                "instanceIds has instance id 7001 but road (labelId 7) has no instances"),
            failure(
                "000009",
                "gtFine_instanceIds",
                "instanceIds is 2x2 but the labelIds are 4x2"),
            failure(
                "000010",
                "prediction",
                "/data/bad_000000_000010_prediction.png: not a PNG: no PNG signature in the first"
                    + " 8 bytes"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void predictionThatLooksLikeTrainIdsIsScoredWithAWarning(TestPipeline pipeline) {
    FrameContent frame = withPayload("000011", "prediction", gray8(4, 2, 0, 13));
    PCollectionTuple out = pipeline.apply(Create.of(frame)).apply(ComputeFrameConfusion.create());
    long[] counts = new long[34 * 34];
    counts[7 * 34 + 0] = 4;
    counts[26 * 34 + 13] = 4;
    PAssert.that(out.get(ComputeFrameConfusion.COUNTS))
        .containsInAnyOrder(
            FrameConfusion.create(
                "bad_000000_000011",
                IdSpace.LABEL_IDS,
                counts,
                List.of(InstanceOverlap.create(26001, 4, 0, 0))));
    PAssert.that(out.get(ComputeFrameConfusion.WARNINGS))
        .containsInAnyOrder(
            failure(
                "000011",
                "prediction",
                "prediction has only values 0..18: it looks like trainIds, but the evaluation (like"
                    + " the Cityscapes server) scores labelIds; convert it to labelIds if it is"
                    + " trainIds"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void instanceIdsSavedAs8BitGrayAreReadAsGroupsWithoutInstances(TestPipeline pipeline) {
    FrameContent frame = withPayload("000013", "gtFine_instanceIds", gray8(4, 2, 7, 26));
    PCollectionTuple out = pipeline.apply(Create.of(frame)).apply(ComputeFrameConfusion.create());
    long[] counts = new long[34 * 34];
    counts[7 * 34 + 7] = 4;
    counts[26 * 34 + 26] = 4;
    PAssert.that(out.get(ComputeFrameConfusion.COUNTS))
        .containsInAnyOrder(FrameConfusion.create("bad_000000_000013", IdSpace.LABEL_IDS, counts, List.of()));
    PAssert.that(out.get(ComputeFrameConfusion.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void trainIdsReadLabelTrainIdsAndNeedNoInstances(TestPipeline pipeline) {
    Map<String, byte[]> payloads = new HashMap<>();
    payloads.put("gtFine_labelTrainIds", gray8(4, 2, 0, 255));
    payloads.put("lednet", gray8(4, 2, 0, 19));
    FrameContent frame = frame("000012", payloads);
    PCollectionTuple out =
        pipeline
            .apply(Create.of(frame))
            .apply(
                ComputeFrameConfusion.create()
                    .withIds(IdSpace.TRAIN_IDS)
                    .withPredictionComponent("lednet"));
    long[] counts = new long[20 * 20];
    counts[0] = 4;
    counts[19 * 20 + 19] = 4;
    PAssert.that(out.get(ComputeFrameConfusion.COUNTS))
        .containsInAnyOrder(
            FrameConfusion.create("bad_000000_000012", IdSpace.TRAIN_IDS, counts, List.of()));
    PAssert.that(out.get(ComputeFrameConfusion.FAILURES)).empty();
    pipeline.run().waitUntilFinish();
  }
}

package dev.lednet.stages.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class LocationPriorTest {

  @TempDir Path dir;

  /** 4x2 trainIds: sky (10) on top with {@code corner} at the top right, road (0) below. */
  private static Raster skyOverRoad(byte corner) {
    return Raster.gray8(4, 2, new byte[] {10, 10, corner, corner, 0, 0, 0, 0});
  }

  @Test
  void predictsTheMostFrequentClassOfEachCellAsLabelIds() {
    LocationPrior prior = LocationPrior.empty(2, 2);
    prior.add(skyOverRoad((byte) 255));
    prior.add(skyOverRoad((byte) 13));
    prior.add(skyOverRoad((byte) 13));
    assertArrayEquals(new byte[] {10, 13, 0, 0}, prior.argmax());
    Raster labelIds = prior.predictLabelIds(4, 4);
    // sky → labelId 23, car → 26, road → 7; rows repeat to the requested height.
    assertArrayEquals(
        new byte[] {23, 23, 26, 26, 23, 23, 26, 26, 7, 7, 7, 7, 7, 7, 7, 7}, labelIds.bytes());
  }

  @Test
  void aCellNeverSeenPredictsUnlabeled() {
    LocationPrior prior = LocationPrior.empty(1, 1);
    assertArrayEquals(new byte[] {(byte) 255}, prior.argmax());
    assertEquals(0, prior.predictLabelIds(1, 1).bytes()[0]);
  }

  @Test
  void learnsFromFramesAndWritesServerNamedPredictions(TestPipeline p) throws IOException {
    Path image = dir.resolve("ulm_000000_000001_leftImg8bit.png");
    Files.write(image, Png.encode(Raster.rgb(8, 4, new byte[8 * 4 * 3])));
    Frame train =
        Frame.create("aachen_000000_000001", "train", "aachen", Map.of("gtFine_labelTrainIds", "/x.png"));
    Frame val = Frame.create("ulm_000000_000001", "val", "ulm", Map.of("leftImg8bit", image.toString()));

    PCollection<LocationPrior> prior =
        p.apply(
                "Train",
                Create.of(
                    FrameContent.of(
                        train, Map.of("gtFine_labelTrainIds", Png.encode(skyOverRoad((byte) 10))))))
            .apply(LearnLocationPrior.fromTrainIds().withGrid(2, 2));
    PCollection<EncodedFile> predictions =
        p.apply("Val", Create.of(val))
            .apply(PredictWithPrior.using(prior, "/out"))
            .get(PredictWithPrior.PREDICTIONS);

    PAssert.thatSingleton(predictions).satisfies(expectPrediction());
    p.run().waitUntilFinish();
  }

  private static SerializableFunction<EncodedFile, Void> expectPrediction() {
    return file -> {
      assertEquals("/out/val/ulm/ulm_000000_000001_leftImg8bit.png", file.getPath());
      Raster labelIds = Png.decode(file.getBytes(), file.getPath());
      assertEquals(Raster.Format.GRAY8, labelIds.format());
      assertEquals(8, labelIds.width());
      assertEquals(23, labelIds.sample(0, 0, 0));
      assertEquals(7, labelIds.sample(7, 3, 0));
      return null;
    };
  }
}

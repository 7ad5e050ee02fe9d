package dev.lednet.stages.evaluate;

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
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class MatchPredictionsTest {

  @TempDir Path predictions;

  @Test
  void aFileMatchesEveryFrameWhoseOfficialPatternFitsItsName() {
    assertEquals(
        List.of(
            "ulm_000001_0",
            "ulm_000001_00",
            "ulm_000001_000",
            "ulm_000001_0000",
            "ulm_000001_00001",
            "ulm_000001_000019"),
        MatchPredictions.matchingFrameIds("ulm_000001_000019_leftImg8bit.png"));
    assertEquals(
        List.of("ulm_000001_0", "ulm_000001_00", "ulm_000001_000", "ulm_000001_0000",
            "ulm_000001_00001", "ulm_000001_000019", "ulm_000001_0000190"),
        MatchPredictions.matchingFrameIds("ulm_000001_0000190.png"));
  }

  @Test
  void namesThatAreNotCityscapesPngsMatchNoFrame() {
    assertEquals(List.of(), MatchPredictions.matchingFrameIds("ulm_000001_000019_leftImg8bit.jpg"));
    assertEquals(List.of(), MatchPredictions.matchingFrameIds("readme.png"));
    assertEquals(List.of(), MatchPredictions.matchingFrameIds("ulm_x_000019.png"));
    assertEquals(List.of(), MatchPredictions.matchingFrameIds("ulm_000001_x.png"));
  }

  @Test
  void eachFrameGetsItsOnePredictionOrAFailureNamingTheFiles(TestPipeline p) throws IOException {
    Path one = touch("deep/er/ulm_000001_000019_pred.png");
    Path first = touch("a/ulm_000003_000019.png");
    Path second = touch("b/ulm_000003_000019_leftImg8bit.png");
    touch("ulm_000001_000019_notes.txt");
    touch("bonn_000000_000019.png");
    String root = predictions.toString();

    PCollectionTuple matched =
        p.apply(Create.of(frame("ulm_000001_000019"), frame("ulm_000002_000019"), frame("ulm_000003_000019")))
            .apply(MatchPredictions.under(root));

    PAssert.that(matched.get(MatchPredictions.MATCHED))
        .containsInAnyOrder(
            Frame.create(
                "ulm_000001_000019",
                "val",
                "ulm",
                Map.of("gtFine_labelIds", "gt/ulm_000001_000019_gtFine_labelIds.png", "prediction", one.toString())));
    PAssert.that(matched.get(MatchPredictions.MISSING))
        .containsInAnyOrder(
            Failure.create(
                "ulm_000002_000019",
                root + "/**/ulm_000002_000019*.png",
                MatchPredictions.STAGE,
                "no prediction for frame ulm_000002_000019"),
            Failure.create(
                "ulm_000003_000019",
                first.toString(),
                MatchPredictions.STAGE,
                "2 predictions for frame ulm_000003_000019, expected one: " + first + ", " + second));
    p.run().waitUntilFinish();
  }

  private Path touch(String relative) throws IOException {
    Path path = predictions.resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.write(path, new byte[] {1});
  }

  private static Frame frame(String id) {
    return Frame.create(id, "val", "ulm", Map.of("gtFine_labelIds", "gt/" + id + "_gtFine_labelIds.png"));
  }
}

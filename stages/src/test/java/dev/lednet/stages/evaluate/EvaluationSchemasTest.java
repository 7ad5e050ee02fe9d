package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.junit.jupiter.api.Test;

class EvaluationSchemasTest {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.createDefault();

  private static <T> T roundTrip(Coder<T> coder, T value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    coder.encode(value, bytes);
    return coder.decode(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void frameConfusionFieldsAreNumberedAndSurviveItsCoder() throws Exception {
    Schema schema = REGISTRY.getSchema(FrameConfusion.class);
    assertEquals(List.of("frameId", "ids", "counts", "instances"), schema.getFieldNames());
    assertEquals(
        List.of("instanceId", "pixels", "classHits", "categoryHits"),
        REGISTRY.getSchema(InstanceOverlap.class).getFieldNames());
    long[] counts = new long[34 * 34];
    counts[7 * 34 + 8] = 12;
    FrameConfusion frame =
        FrameConfusion.create(
            "aachen_000000_000019",
            IdSpace.LABEL_IDS,
            counts,
            List.of(InstanceOverlap.create(26003, 10, 4, 9)));
    assertEquals(frame, roundTrip(REGISTRY.getSchemaCoder(FrameConfusion.class), frame));
  }

  @Test
  void datasetConfusionSurvivesItsCoder() throws NoSuchSchemaException, IOException {
    long[] counts = new long[20 * 20];
    counts[19 * 20 + 19] = 3;
    DatasetConfusion totals =
        DatasetConfusion.create(
            IdSpace.TRAIN_IDS, 2, counts, Map.of("car", 0.1), Map.of(), Map.of(), Map.of("human", 1e-300));
    assertEquals(
        List.of(
            "ids",
            "frames",
            "counts",
            "classWeightedTruePositives",
            "classWeightedFalseNegatives",
            "categoryWeightedTruePositives",
            "categoryWeightedFalseNegatives"),
        REGISTRY.getSchema(DatasetConfusion.class).getFieldNames());
    assertEquals(totals, roundTrip(REGISTRY.getSchemaCoder(DatasetConfusion.class), totals));
  }
}

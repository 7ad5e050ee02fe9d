package dev.lednet.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class SchemaRecordsTest {

  private static <T> T roundTrip(Class<T> type, T value) throws Exception {
    Coder<T> coder = SchemaRegistry.createDefault().getSchemaCoder(type);
    return CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, value));
  }

  @Test
  void frameSurvivesTheSchemaCoder() throws Exception {
    Frame frame =
        Frame.create(
            "aachen_000000_000019",
            "train",
            "aachen",
            Map.of("leftImg8bit", "/d/leftImg8bit/train/aachen/aachen_000000_000019_leftImg8bit.png"));
    assertEquals(frame, roundTrip(Frame.class, frame));
  }

  @Test
  void frameContentKeepsPayloadBytes() throws Exception {
    Frame frame = Frame.create("aachen_000000_000019", "val", "aachen", Map.of("x", "/x"));
    FrameContent content = FrameContent.of(frame, Map.of("x", new byte[] {1, 2, (byte) 255}));
    FrameContent back = roundTrip(FrameContent.class, content);
    assertEquals(frame, back.getFrame());
    assertArrayEquals(new byte[] {1, 2, (byte) 255}, back.payload("x"));
  }

  @Test
  void schemaFieldsHaveStableNames() throws NoSuchSchemaException {
    assertEquals(
        java.util.List.of("frameId", "file", "stage", "reason"),
        SchemaRegistry.createDefault().getSchema(Failure.class).getFieldNames());
    assertEquals(
        java.util.List.of("id", "split", "city", "files"),
        SchemaRegistry.createDefault().getSchema(Frame.class).getFieldNames());
  }

  @Test
  void missingComponentIsAnErrorNamingFrameAndComponent() {
    Frame frame = Frame.create("aachen_000000_000019", "val", "aachen", Map.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> frame.file("gtFine_polygons"));
    assertEquals("frame aachen_000000_000019 (val) has no gtFine_polygons file", e.getMessage());
  }

  @Test
  void frameIdIsValidatedAtCreation() {
    assertThrows(
        IllegalArgumentException.class, () -> Frame.create("not-a-frame", "val", "x", Map.of()));
  }
}

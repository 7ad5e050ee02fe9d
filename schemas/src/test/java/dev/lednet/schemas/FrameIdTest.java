package dev.lednet.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aachen_000000_000019_leftImg8bit.png",
        "gtFine/train/aachen/aachen_000000_000019_gtFine_polygons.json",
        "gs://bucket/cityscapes/gtFine/train/aachen/aachen_000000_000019_gtFine_labelIds.png",
        "aachen_000000_000019_gtCoarse_labelTrainIds.png",
        "aachen_000000_000019.png",
        "results/aachen_000000_000019_anything_the_user_likes.png",
      })
  void everyCityscapesFileNameGivesItsFrame(String path) {
    assertEquals(new FrameId("aachen", "000000", "000019"), FrameId.fromFileName(path));
  }

  @Test
  void cityNamesWithHyphensParse() {
    assertEquals(
        "bad-honnef",
        FrameId.fromFileName("bad-honnef_000001_000002_leftImg8bit.png").city());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aachen_000000_leftImg8bit.png",
        "aachen-000000-000019_leftImg8bit.png",
        "aachen_00a000_000019_leftImg8bit.png",
        "_000000_000019_leftImg8bit.png",
        "leftImg8bit.png",
        "",
      })
  void malformedNamesAreErrorsNamingTheFile(String path) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FrameId.fromFileName(path));
    assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
  }

  @Test
  void formatsOfficialFileNames() {
    FrameId id = FrameId.parse("frankfurt_000000_000294");
    assertEquals("frankfurt_000000_000294_gtFine_labelTrainIds.png", id.fileName("gtFine_labelTrainIds.png"));
    assertEquals("frankfurt_000000_000294", id.toString());
  }

  @Test
  void parseRejectsAnythingButTheThreeParts() {
    assertThrows(IllegalArgumentException.class, () -> FrameId.parse("frankfurt_000000_000294_x"));
    assertThrows(IllegalArgumentException.class, () -> FrameId.parse("frankfurt_000000"));
  }
}

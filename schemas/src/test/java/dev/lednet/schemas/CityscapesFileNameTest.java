package dev.lednet.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CityscapesFileNameTest {

  @ParameterizedTest
  @CsvSource({
    "aachen_000000_000019_leftImg8bit.png, leftImg8bit, '', png, leftImg8bit",
    "aachen_000000_000019_gtFine_polygons.json, gtFine, polygons, json, gtFine_polygons",
    "aachen_000000_000019_gtFine_labelIds.png, gtFine, labelIds, png, gtFine_labelIds",
    "aachen_000000_000019_gtFine_instanceTrainIds.png, gtFine, instanceTrainIds, png, gtFine_instanceTrainIds",
    "aachen_000000_000019_gtCoarse_color.png, gtCoarse, color, png, gtCoarse_color",
  })
  void splitsLikeGetCsFileInfo(String name, String type, String type2, String ext, String component) {
    CityscapesFileName parsed = CityscapesFileName.parse("some/dir/" + name);
    assertEquals(FrameId.parse("aachen_000000_000019"), parsed.frameId());
    assertEquals(type, parsed.type());
    assertEquals(type2, parsed.type2());
    assertEquals(ext, parsed.extension());
    assertEquals(component, parsed.component());
    assertEquals(name, parsed.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aachen_000000_000019.png",
        "aachen_000000_000019_gtFine_polygons_extra.json",
        "aachen_000000_000019_gtFine_polygons",
        "aachen_000000_x_gtFine_polygons.json",
        "notes.txt",
      })
  void namesWithoutFiveOrSixPartsAreErrorsNamingTheFile(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CityscapesFileName.parse("d/" + name));
    assertTrue(e.getMessage().contains("d/" + name), e.getMessage());
  }
}

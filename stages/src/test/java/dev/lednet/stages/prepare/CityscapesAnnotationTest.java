package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CityscapesAnnotationTest {

  @Test
  void readsSizeAndObjectsInFileOrder() {
    CityscapesAnnotation annotation =
        parse(
            "{'imgHeight': 48, 'imgWidth': 64, 'objects': ["
                + "{'label': 'road', 'polygon': [[0, 0], [10.5, -2.25], [3, 4]], 'id': 0,"
                + " 'date': '01-Jan-2016', 'user': 'x', 'verified': 1, 'deleted': 0},"
                + "{'label': 'cargroup', 'polygon': [[1, 1], [2, 2, 99]]}]}");
    assertEquals(64, annotation.width());
    assertEquals(48, annotation.height());
    List<AnnotatedPolygon> objects = annotation.objects();
    assertEquals(2, objects.size());
    assertEquals("road", objects.get(0).label().name());
    assertArrayEquals(new double[] {0, 0, 10.5, -2.25, 3, 4}, objects.get(0).polygon());
    assertEquals("cargroup", objects.get(1).name());
    assertEquals("car", objects.get(1).label().name());
    assertTrue(objects.get(1).group());
    assertArrayEquals(new double[] {1, 1, 2, 2}, objects.get(1).polygon());
  }

  @Test
  void knownGroupLabelIsNotAGroup() {
    AnnotatedPolygon pole = parseOne("{'label': 'polegroup', 'polygon': [[0, 0], [1, 1]]}");
    assertEquals("polegroup", pole.label().name());
    assertFalse(pole.group());
  }

  @Test
  void deletedObjectsAreDroppedWhateverTheirContent() {
    CityscapesAnnotation annotation =
        parse(
            "{'imgHeight': 4, 'imgWidth': 4, 'objects': ["
                + "{'label': 'spaceship', 'polygon': [[0, 'a']], 'deleted': 1},"
                + "{'label': 'car', 'polygon': [], 'deleted': true},"
                + "{'label': 'car', 'polygon': [[0, 0], [1, 1]], 'deleted': 0},"
                + "{'label': 'bus', 'polygon': [[0, 0], [1, 1]], 'deleted': null}]}");
    assertEquals(2, annotation.objects().size());
    assertEquals(2, annotation.objects().get(0).index());
    assertEquals(3, annotation.objects().get(1).index());
  }

  @Test
  void licensePlateWithOnePointIsAcceptedBecauseItIsNeverDrawn() {
    AnnotatedPolygon plate = parseOne("{'label': 'license plate', 'polygon': [[3, 3]]}");
    assertFalse(plate.drawn());
  }

  @Test
  void drawnPolygonWithOnePointIsRefusedLikeTheOfficialTools() {
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'car', 'polygon': [[3, 3]]}]}",
        "object 0 (car): polygon has 1 point(s); Pillow 9.4.0 refuses to draw fewer than 2,"
            + " so the official tools fail");
  }

  @Test
  void emptyPolygonIsRefused() {
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'sky', 'polygon': []}]}",
        "object 0 (sky): polygon has 0 point(s); Pillow 9.4.0 refuses to draw fewer than 2,"
            + " so the official tools fail");
  }

  @Test
  void unknownLabelIsRefusedAfterTheGroupRule() {
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'spaceshipgroup', 'polygon': [[0, 0], [1, 1]]}]}",
        "object 0: label 'spaceshipgroup' not known");
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'group', 'polygon': [[0, 0], [1, 1]]}]}",
        "object 0: label 'group' not known");
  }

  @Test
  void nonNumericCoordinateIsRefused() {
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'car', 'polygon': [[0, 0], [1, '1']]}]}",
        "object 0 (car): point 1 has a non-numeric coordinate \"1\"");
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'car', 'polygon': [[0, 0], [1]]}]}",
        "object 0 (car): point 1 is not [x, y]: [1]");
  }

  @Test
  void absurdCoordinateIsRefused() {
    assertRefused(
        "{'imgHeight': 4, 'imgWidth': 4, 'objects': [{'label': 'car', 'polygon': [[0, 0], [1e12, 1]]}]}",
        "object 0 (car): point 1 has coordinate 1.0E12, beyond the supported ±16777216");
  }

  @Test
  void missingOrAbsurdSizeIsRefused() {
    assertRefused("{'imgWidth': 4, 'objects': []}", "'imgHeight' is missing");
    assertRefused("{'imgHeight': 0, 'imgWidth': 4, 'objects': []}", "'imgHeight' is 0, outside 1..16384");
    assertRefused("{'imgHeight': 4, 'imgWidth': 99999, 'objects': []}", "'imgWidth' is 99999, outside 1..16384");
    assertRefused("{'imgHeight': 4, 'imgWidth': 'wide', 'objects': []}", "'imgWidth' is not a number: \"wide\"");
  }

  @Test
  void sizeIsReadAsPythonsIntDoes() {
    CityscapesAnnotation annotation = parse("{'imgHeight': '48', 'imgWidth': 64.9, 'objects': []}");
    assertEquals(64, annotation.width());
    assertEquals(48, annotation.height());
  }

  @Test
  void malformedJsonIsRefusedWithJacksonsReason() {
    InvalidAnnotationException e =
        assertThrows(InvalidAnnotationException.class, () -> CityscapesAnnotation.parse(bytes("{\"imgWidth\": ")));
    assertTrue(e.getMessage().startsWith("malformed JSON: "), e.getMessage());
    assertThrows(InvalidAnnotationException.class, () -> CityscapesAnnotation.parse(bytes("{} {}")));
    assertRefused("[1, 2]", "not a JSON object with imgWidth, imgHeight and objects");
    assertRefused("{'imgHeight': 4, 'imgWidth': 4}", "'objects' is missing or not an array");
  }

  private static AnnotatedPolygon parseOne(String object) {
    return parse("{'imgHeight': 4, 'imgWidth': 4, 'objects': [" + object + "]}").objects().get(0);
  }

  private static CityscapesAnnotation parse(String singleQuoted) {
    return CityscapesAnnotation.parse(bytes(singleQuoted.replace('\'', '"')));
  }

  private static void assertRefused(String singleQuoted, String reason) {
    InvalidAnnotationException e =
        assertThrows(InvalidAnnotationException.class, () -> parse(singleQuoted));
    assertEquals(reason, e.getMessage());
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}

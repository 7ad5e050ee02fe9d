package dev.lednet.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the table with {@code official-labels.json}, dumped from cityscapesScripts'
 * labels.py (see the README in the test resources).
 */
class CityscapesLabelsTest {

  private static JsonNode official;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = CityscapesLabelsTest.class.getResourceAsStream("official-labels.json")) {
      official = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void everyRowEqualsTheOfficialTableInOrder() {
    JsonNode rows = official.get("labels");
    List<Label> labels = CityscapesLabels.all();
    assertEquals(rows.size(), labels.size());
    assertEquals(35, labels.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      Label label = labels.get(i);
      String where = "row " + i + " (" + row.get("name").asText() + ")";
      assertEquals(row.get("name").asText(), label.name(), where);
      assertEquals(row.get("id").asInt(), label.id(), where);
      assertEquals(row.get("trainId").asInt(), label.trainId(), where);
      assertEquals(row.get("category").asText(), label.category(), where);
      assertEquals(row.get("categoryId").asInt(), label.categoryId(), where);
      assertEquals(row.get("hasInstances").asBoolean(), label.hasInstances(), where);
      assertEquals(row.get("ignoreInEval").asBoolean(), label.ignoreInEval(), where);
      JsonNode color = row.get("color");
      assertEquals(
          new Rgb(color.get(0).asInt(), color.get(1).asInt(), color.get(2).asInt()),
          label.color(),
          where);
    }
  }

  @Test
  void trainIdLookupPrefersTheFirstDefinedLabelLikeTheOfficialReversedDict() {
    official
        .get("trainId2name")
        .fields()
        .forEachRemaining(
            e ->
                assertEquals(
                    e.getValue().asText(),
                    CityscapesLabels.byTrainId(Integer.parseInt(e.getKey())).orElseThrow().name(),
                    "trainId " + e.getKey()));
    assertEquals("unlabeled", CityscapesLabels.byTrainId(255).orElseThrow().name());
  }

  @Test
  void groupNamesResolveLikeAssureSingleInstanceName() {
    official
        .get("assureSingleInstanceName")
        .fields()
        .forEachRemaining(
            e -> {
              Optional<String> expected =
                  e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText());
              assertEquals(
                  expected, CityscapesLabels.assureSingleInstanceName(e.getKey()), e.getKey());
            });
  }

  @Test
  void pixelTablesAreDerivedFromTheRows() {
    assertEquals(0, CityscapesLabels.trainIdOfId(7));
    assertEquals(13, CityscapesLabels.trainIdOfId(26));
    assertEquals(255, CityscapesLabels.trainIdOfId(29));
    assertEquals(255, CityscapesLabels.trainIdOfId(0));
    assertEquals(255, CityscapesLabels.trainIdOfId(34), "values outside the table are ignored");
    assertEquals(7, CityscapesLabels.idOfTrainId(0));
    assertEquals(33, CityscapesLabels.idOfTrainId(18));
    assertEquals(0, CityscapesLabels.idOfTrainId(255), "void goes to labelId 0, as the server wants");
    assertEquals(0x804080, CityscapesLabels.idToColorTable()[7]);
    assertEquals(0x00008E, CityscapesLabels.trainIdToColorTable()[13]);
    for (Label label : CityscapesLabels.all()) {
      if (label.id() >= 0) {
        assertEquals(label.trainId() & 0xff, CityscapesLabels.trainIdOfId(label.id()), label.name());
      }
    }
  }

  @Test
  void trainClassesAreTheNineteenEvaluatedLabels() {
    List<Label> classes = CityscapesLabels.trainClasses();
    assertEquals(19, classes.size());
    for (int trainId = 0; trainId < classes.size(); trainId++) {
      assertEquals(trainId, classes.get(trainId).trainId());
      assertFalse(classes.get(trainId).ignoreInEval());
    }
    assertEquals("bicycle", classes.get(18).name());
  }

  @Test
  void categoriesKeepOfficialOrderAndMembers() {
    Map<String, ?> categories = CityscapesLabels.byCategory();
    assertEquals(
        List.of("void", "flat", "construction", "object", "nature", "sky", "human", "vehicle"),
        List.copyOf(categories.keySet()));
    assertTrue(
        CityscapesLabels.byCategory().get("vehicle").stream()
            .anyMatch(l -> l.name().equals("caravan")));
  }
}

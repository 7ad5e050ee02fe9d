package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CityscapesMetricsTest {

  private static CityscapesMetrics metrics;
  private static JsonNode official;

  @BeforeAll
  static void evaluateCommittedFrames() {
    AggregateConfusion.SumConfusion sum = AggregateConfusion.combineFn();
    ConfusionSum accumulator = sum.createAccumulator();
    for (FrameConfusion frame : OfficialFrames.countAll()) {
      accumulator = sum.addInput(accumulator, frame);
    }
    metrics = CityscapesMetrics.of(sum.extractOutput(accumulator));
    official = OfficialFrames.parse(OfficialFrames.officialJsonText());
  }

  @Test
  void confusionMatrixEqualsOfficialExactly() {
    JsonNode matrix = official.get("confMatrix");
    assertEquals(34, matrix.size());
    for (int truth = 0; truth < 34; truth++) {
      assertEquals(34, matrix.get(truth).size());
      for (int predicted = 0; predicted < 34; predicted++) {
        assertEquals(
            matrix.get(truth).get(predicted).longValue(),
            metrics.totals().count(truth, predicted),
            "confMatrix[" + truth + "][" + predicted + "]");
      }
    }
  }

  @Test
  void everyNumberOfExportedJsonEqualsOfficialWithin1e12() {
    JsonNode ours = OfficialFrames.parse(metrics.toOfficialJson());
    List<String> compared = new ArrayList<>();
    assertSameTree("", official, ours, compared);
    // 34x34 matrix, 34 priors, 34 labels, 34+34 class scores, 8+8 category scores, 4 averages.
    assertEquals(1156 + 34 * 4 + 16 + 4, compared.size());
  }

  @Test
  void exportedJsonIsTheOfficialTextWhereFloatsAgreeBitForBit() {
    String ours = metrics.toOfficialJson();
    String theirs = OfficialFrames.officialJsonText();
    String[] ourLines = ours.split("\n", -1);
    String[] theirLines = theirs.split("\n", -1);
    assertEquals(theirLines.length, ourLines.length);
    String section = "";
    int differing = 0;
    for (int i = 0; i < theirLines.length; i++) {
      if (theirLines[i].startsWith("    \"")) {
        section = theirLines[i].trim();
      }
      if (!theirLines[i].equals(ourLines[i])) {
        differing++;
        // Only iIoU may differ, in its last bits: our instance sums are exact, the official's are
        // rounded after each instance.
        assertTrue(
            section.contains("Inst"),
            "line " + (i + 1) + " in " + section + ": " + ourLines[i] + " vs " + theirLines[i]);
      }
    }
    assertTrue(differing <= 8 + 2 + 2, differing + " lines differ");
  }

  @Test
  void scoresThatNeedNoInstanceSumsAreBitIdenticalToOfficial() {
    assertBits(official.get("averageScoreClasses").doubleValue(), metrics.meanClassIou());
    assertBits(official.get("averageScoreCategories").doubleValue(), metrics.meanCategoryIou());
    metrics.classIou().forEach((name, iou) -> assertBits(official.get("classScores").get(name).doubleValue(), iou));
    metrics.categoryIou().forEach((name, iou) -> assertBits(official.get("categoryScores").get(name).doubleValue(), iou));
    metrics.priors().forEach((name, prior) -> assertBits(official.get("priors").get(name).doubleValue(), prior));
  }

  @Test
  void officialIIouIsReproducedBitForBitWhenTermsAreAddedInItsFileOrder() {
    // Shows that each instance term is the official's to the bit: only the order of addition
    // differs. The order is the one glob() listed the ground truth in when the JSON was made.
    List<String> officialOrder =
        List.of(
            "frankfurt_000000_000294",
            "frankfurt_000001_000538",
            "munster_000002_000123",
            "lindau_000001_000042",
            "lindau_000000_000019");
    Map<String, FrameConfusion> byId = new HashMap<>();
    OfficialFrames.countAll().forEach(f -> byId.put(f.getFrameId(), f));
    Map<String, Double> classTp = new HashMap<>();
    Map<String, Double> classFn = new HashMap<>();
    Map<String, Double> categoryTp = new HashMap<>();
    Map<String, Double> categoryFn = new HashMap<>();
    for (Label label : InstanceClasses.classes()) {
      classTp.put(label.name(), 0.0);
      classFn.put(label.name(), 0.0);
    }
    for (InstanceClasses.Category category : InstanceClasses.categories()) {
      categoryTp.put(category.name(), 0.0);
      categoryFn.put(category.name(), 0.0);
    }
    for (String id : officialOrder) {
      for (InstanceOverlap instance : byId.get(id).getInstances()) {
        Label label = CityscapesLabels.byId(instance.labelId()).orElseThrow();
        double weight = InstanceClasses.averageSize(label) / (double) instance.getPixels();
        long classMisses = instance.getPixels() - instance.getClassHits();
        long categoryMisses = instance.getPixels() - instance.getCategoryHits();
        classTp.merge(label.name(), instance.getClassHits() * weight, Double::sum);
        classFn.merge(label.name(), classMisses * weight, Double::sum);
        categoryTp.merge(label.category(), instance.getCategoryHits() * weight, Double::sum);
        categoryFn.merge(label.category(), categoryMisses * weight, Double::sum);
      }
    }
    DatasetConfusion exact = metrics.totals();
    CityscapesMetrics inFileOrder =
        CityscapesMetrics.of(
            DatasetConfusion.create(
                exact.getIds(),
                exact.getFrames(),
                exact.getCounts(),
                classTp,
                classFn,
                categoryTp,
                categoryFn));
    assertEquals(OfficialFrames.officialJsonText(), inFileOrder.toOfficialJson());
  }

  @Test
  void classesAbsentFromGroundTruthAndPredictionAreNaNAndSkippedInAverages() {
    // wall and train are in no frame, neither as ground truth nor as prediction.
    assertTrue(Double.isNaN(metrics.classIou().get("wall")));
    assertTrue(Double.isNaN(metrics.classIou().get("train")));
    assertTrue(Double.isNaN(metrics.classIIou().get("train")));
    // fence is in the ground truth but never predicted.
    assertEquals(0.0, metrics.classIou().get("fence"));
    double sum = 0;
    int valid = 0;
    for (double iou : metrics.classIou().values()) {
      if (!Double.isNaN(iou)) {
        sum += iou;
        valid++;
      }
    }
    assertEquals(17, valid);
    assertEquals(sum / 17, metrics.meanClassIou());
  }

  @Test
  void viewsHaveTheOfficialSets() {
    assertEquals(19, metrics.classIou().size());
    assertEquals(
        List.of("flat", "construction", "object", "nature", "sky", "human", "vehicle"),
        List.copyOf(metrics.categoryIou().keySet()));
    assertEquals(
        List.of("person", "rider", "car", "truck", "bus", "train", "motorcycle", "bicycle"),
        List.copyOf(metrics.classIIou().keySet()));
    assertEquals(List.of("human", "vehicle"), List.copyOf(metrics.categoryIIou().keySet()));
  }

  private static void assertBits(double expected, double actual) {
    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), expected + " vs " + actual);
  }

  private static void assertSameTree(String path, JsonNode expected, JsonNode actual, List<String> compared) {
    if (expected.isObject()) {
      assertTrue(actual.isObject(), path);
      List<String> expectedKeys = new ArrayList<>();
      expected.fieldNames().forEachRemaining(expectedKeys::add);
      List<String> actualKeys = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualKeys::add);
      assertEquals(expectedKeys, actualKeys, path);
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        assertSameTree(path + "/" + field.getKey(), field.getValue(), actual.get(field.getKey()), compared);
      }
    } else if (expected.isArray()) {
      assertTrue(actual.isArray(), path);
      assertEquals(expected.size(), actual.size(), path);
      for (int i = 0; i < expected.size(); i++) {
        assertSameTree(path + "/" + i, expected.get(i), actual.get(i), compared);
      }
    } else if (expected.isIntegralNumber()) {
      assertTrue(actual.isIntegralNumber(), path);
      assertEquals(expected.longValue(), actual.longValue(), path);
      compared.add(path);
    } else {
      assertTrue(actual.isFloatingPointNumber(), path + " is " + actual);
      double e = expected.doubleValue();
      double a = actual.doubleValue();
      if (Double.isNaN(e)) {
        assertTrue(Double.isNaN(a), path + ": expected NaN, got " + a);
      } else {
        assertEquals(e, a, 1e-12, path);
      }
      compared.add(path);
    }
  }
}

package dev.lednet.pipelines.evaluate;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Compares two result documents of the official form number by number: the same keys and
 * nesting, integers (the confusion matrix) equal, floating-point scores within a tolerance, NaN
 * only where the other has NaN. The official script sums iIoU terms in file order, so its last
 * bits may differ from ours by ~1e-16.
 *
 * @param numbers how many numbers were compared
 * @param maxDifference the largest absolute difference between two scores
 * @param differences where they disagree, at most a few
 */
public record ResultComparison(int numbers, double maxDifference, List<String> differences) {

  /** What agreement means: the official's floats differ from ours by summation order only. */
  public static final double TOLERANCE = 1e-12;

  private static final int LISTED = 10;
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  public static ResultComparison of(String ours, String theirs) throws IOException {
    Walk walk = new Walk();
    walk.compare(JSON.readTree(ours), JSON.readTree(theirs), "");
    return new ResultComparison(walk.numbers, walk.maxDifference, List.copyOf(walk.differences));
  }

  public boolean agree() {
    return differences.isEmpty();
  }

  @Override
  public String toString() {
    if (agree()) {
      return String.format(
          Locale.ROOT, "yes: %d numbers, largest difference %.3g", numbers, maxDifference);
    }
    return "no: " + String.join("; ", differences);
  }

  private static final class Walk {
    int numbers;
    double maxDifference;
    final List<String> differences = new ArrayList<>();

    void compare(JsonNode a, JsonNode b, String path) {
      if (a.isObject() && b.isObject()) {
        List<String> keys = new ArrayList<>();
        a.fieldNames().forEachRemaining(keys::add);
        List<String> otherKeys = new ArrayList<>();
        b.fieldNames().forEachRemaining(otherKeys::add);
        if (!keys.equals(otherKeys)) {
          differ(path + ": keys " + keys + " vs " + otherKeys);
          return;
        }
        for (String key : keys) {
          compare(a.get(key), b.get(key), path + "/" + key);
        }
      } else if (a.isArray() && b.isArray()) {
        if (a.size() != b.size()) {
          differ(path + ": " + a.size() + " vs " + b.size() + " elements");
          return;
        }
        Iterator<JsonNode> other = b.elements();
        int i = 0;
        for (JsonNode element : a) {
          compare(element, other.next(), path + "[" + i++ + "]");
        }
      } else if (a.isIntegralNumber() && b.isIntegralNumber()) {
        numbers++;
        if (!a.bigIntegerValue().equals(b.bigIntegerValue())) {
          differ(path + ": " + a + " vs " + b);
        }
      } else if (a.isNumber() && b.isNumber()) {
        numbers++;
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
          if (Double.isNaN(x) != Double.isNaN(y)) {
            differ(path + ": " + a + " vs " + b);
          }
          return;
        }
        double difference = Math.abs(x - y);
        maxDifference = Math.max(maxDifference, difference);
        if (difference > TOLERANCE) {
          differ(path + ": " + a + " vs " + b);
        }
      } else if (!a.equals(b)) {
        differ(path + ": " + a + " vs " + b);
      }
    }

    private void differ(String where) {
      if (differences.size() < LISTED) {
        differences.add(where);
      }
    }
  }
}

package dev.lednet.stages.prepare;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A Cityscapes polygon annotation ({@code *_polygons.json}) read as cityscapesScripts' {@code
 * helpers/annotation.py} reads it and checked as {@code json2labelImg.py} would fail on it: the
 * image size, and the objects that are not deleted, in file order, with their labels resolved.
 */
public final class CityscapesAnnotation {

  /** Larger sizes are taken for corrupt files rather than images. */
  public static final int MAX_SIZE = 16384;

  // Python's json.loads refuses trailing content too.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final int width;
  private final int height;
  private final ImmutableList<AnnotatedPolygon> objects;

  private CityscapesAnnotation(int width, int height, ImmutableList<AnnotatedPolygon> objects) {
    this.width = width;
    this.height = height;
    this.objects = objects;
  }

  /**
   * Parses a polygons JSON file.
   *
   * @throws InvalidAnnotationException if the JSON is malformed, the size is missing or outside
   *     1..{@value #MAX_SIZE}, a label is unknown, or a drawn polygon has fewer than 2 points or a
   *     coordinate that is not a number
   */
  public static CityscapesAnnotation parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidAnnotationException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidAnnotationException("unreadable JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidAnnotationException("not a JSON object with imgWidth, imgHeight and objects");
    }
    int width = size(root, "imgWidth");
    int height = size(root, "imgHeight");
    JsonNode objects = root.get("objects");
    if (objects == null || !objects.isArray()) {
      throw new InvalidAnnotationException("'objects' is missing or not an array");
    }
    ImmutableList.Builder<AnnotatedPolygon> kept = ImmutableList.builder();
    for (int index = 0; index < objects.size(); index++) {
      parseObject(objects.get(index), index).ifPresent(kept::add);
    }
    return new CityscapesAnnotation(width, height, kept.build());
  }

  /** {@code int(jsonDict[key])}: a number (truncated) or a string holding an integer. */
  private static int size(JsonNode root, String key) {
    JsonNode node = root.get(key);
    long value;
    if (node == null || node.isNull()) {
      throw new InvalidAnnotationException("'" + key + "' is missing");
    } else if (node.isNumber()) {
      value = (long) node.asDouble();
    } else if (node.isTextual() && node.asText().trim().matches("[+-]?[0-9]{1,9}")) {
      value = Long.parseLong(node.asText().trim());
    } else {
      throw new InvalidAnnotationException("'" + key + "' is not a number: " + node);
    }
    if (value <= 0 || value > MAX_SIZE) {
      throw new InvalidAnnotationException(
          "'" + key + "' is " + node + ", outside 1.." + MAX_SIZE);
    }
    return (int) value;
  }

  private static Optional<AnnotatedPolygon> parseObject(JsonNode object, int index) {
    if (!object.isObject()) {
      throw new InvalidAnnotationException("object " + index + " is not a JSON object");
    }
    JsonNode nameNode = object.get("label");
    JsonNode polygon = object.get("polygon");
    if (nameNode == null || polygon == null || !polygon.isArray()) {
      throw new InvalidAnnotationException("object " + index + " needs a label and a polygon array");
    }
    if (isTruthy(object.get("deleted"))) {
      // The official tools skip deleted objects before looking at their label or coordinates.
      return Optional.empty();
    }
    if (!nameNode.isTextual()) {
      throw new InvalidAnnotationException("object " + index + ": label " + nameNode + " is not a string");
    }
    String name = nameNode.asText();
    boolean group = CityscapesLabels.byName(name).isEmpty() && name.endsWith("group");
    String resolved = group ? name.substring(0, name.length() - "group".length()) : name;
    Label label =
        CityscapesLabels.byName(resolved)
            .orElseThrow(
                () ->
                    new InvalidAnnotationException(
                        "object " + index + ": label '" + name + "' not known"));
    AnnotatedPolygon parsed =
        new AnnotatedPolygon(index, name, label, group, coordinates(polygon, index, name));
    if (parsed.drawn() && parsed.points() < 2) {
      throw new InvalidAnnotationException(
          "object "
              + index
              + " ("
              + name
              + "): polygon has "
              + parsed.points()
              + " point(s); Pillow 9.4.0 refuses to draw fewer than 2, so the official tools fail");
    }
    return Optional.of(parsed);
  }

  private static double[] coordinates(JsonNode polygon, int index, String name) {
    double[] xy = new double[2 * polygon.size()];
    for (int p = 0; p < polygon.size(); p++) {
      JsonNode point = polygon.get(p);
      // Like annotation.py's Point(p[0], p[1]): further values are ignored.
      if (!point.isArray() || point.size() < 2) {
        throw new InvalidAnnotationException(
            "object " + index + " (" + name + "): point " + p + " is not [x, y]: " + point);
      }
      xy[2 * p] = coordinate(point.get(0), index, name, p);
      xy[2 * p + 1] = coordinate(point.get(1), index, name, p);
    }
    return xy;
  }

  private static double coordinate(JsonNode value, int index, String name, int point) {
    if (!value.isNumber()) {
      throw new InvalidAnnotationException(
          "object " + index + " (" + name + "): point " + point + " has a non-numeric coordinate " + value);
    }
    double v = value.asDouble();
    if (!(Math.abs(v) < PillowPolygonFill.MAX_COORDINATE)) {
      throw new InvalidAnnotationException(
          "object "
              + index
              + " ("
              + name
              + "): point "
              + point
              + " has coordinate "
              + value
              + ", beyond the supported ±"
              + (long) PillowPolygonFill.MAX_COORDINATE);
    }
    return v;
  }

  /** Python's truth value of a JSON value, as in {@code if obj.deleted:}. */
  private static boolean isTruthy(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    } else if (value.isBoolean()) {
      return value.booleanValue();
    } else if (value.isNumber()) {
      return value.asDouble() != 0;
    } else if (value.isTextual()) {
      return !value.asText().isEmpty();
    }
    return value.size() > 0;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The objects that are not deleted, in file order (later ones are drawn on top). */
  public List<AnnotatedPolygon> objects() {
    return objects;
  }
}

package dev.lednet.stages.evaluate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON the way cityscapesScripts' {@code writeDict2JSON} does, {@code json.dumps(d,
 * sort_keys=True, indent=4)}, so that an exported result diffs cleanly against the official file:
 * keys sorted, four-space indents, floats as Python's {@code repr} (shortest round-trip digits,
 * {@code 1e-05}, {@code NaN}).
 */
final class PythonJson {

  private static final String INDENT = "    ";

  private PythonJson() {}

  /**
   * The document for a tree of {@code Map<String, ?>}, {@code List<?>}, {@code long[]}, {@link
   * Integer}, {@link Long}, {@link Double} and {@link String} values.
   */
  static String dumps(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, 0, out);
    return out.toString();
  }

  private static void write(Object value, int depth, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      writeObject(map, depth, out);
    } else if (value instanceof List<?> list) {
      writeArray(list, depth, out);
    } else if (value instanceof long[] longs) {
      writeArray(java.util.Arrays.stream(longs).boxed().toList(), depth, out);
    } else if (value instanceof Double d) {
      out.append(repr(d));
    } else if (value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof String s) {
      writeString(s, out);
    } else {
      throw new IllegalArgumentException("no JSON form for " + value);
    }
  }

  private static void writeObject(Map<?, ?> map, int depth, StringBuilder out) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put((String) k, v));
    out.append('{');
    String separator = "\n";
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      out.append(separator).append(INDENT.repeat(depth + 1));
      writeString(entry.getKey(), out);
      out.append(": ");
      write(entry.getValue(), depth + 1, out);
      separator = ",\n";
    }
    out.append('\n').append(INDENT.repeat(depth)).append('}');
  }

  private static void writeArray(List<?> list, int depth, StringBuilder out) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object element : list) {
      out.append(separator).append(INDENT.repeat(depth + 1));
      write(element, depth + 1, out);
      separator = ",\n";
    }
    out.append('\n').append(INDENT.repeat(depth)).append(']');
  }

  /** A string as {@code json.dumps} with {@code ensure_ascii=True} writes it. */
  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Python's {@code float.__repr__}, as {@code json} writes floats: the shortest decimal that reads
   * back as the same double, positional when the decimal exponent is in -4..15, else like {@code
   * 1e-05} or {@code 1.5e+16}; {@code NaN} and {@code Infinity} as Python's json writes them.
   */
  static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortestDecimal(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    // value = 0.<digits> x 10^point
    int point = digits.length() - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (point <= -4 || point > 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int exponent = point - 1;
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    if (point <= 0) {
      return sign + "0." + "0".repeat(-point) + digits;
    }
    if (point >= digits.length()) {
      return sign + digits + "0".repeat(point - digits.length()) + ".0";
    }
    return sign + digits.substring(0, point) + "." + digits.substring(point);
  }

  /**
   * The fewest significant digits that round-trip, nearest to the exact value among those, trailing
   * zeros stripped.
   */
  private static BigDecimal shortestDecimal(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}

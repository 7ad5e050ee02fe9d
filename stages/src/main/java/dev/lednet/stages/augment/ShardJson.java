package dev.lednet.stages.augment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** JSON for manifests, shard indexes and sample metadata: fixed key order, indented, UTF-8. */
final class ShardJson {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private ShardJson() {}

  /** Indented, with a final newline. */
  static byte[] write(Map<String, ?> value) {
    try {
      return (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** On one line. */
  static String compact(Map<String, ?> value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> read(byte[] json, String source) throws IOException {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Object field(Map<String, ?> map, String key, String source) throws IOException {
    Object value = map.get(key);
    if (value == null) {
      throw new IOException(source + ": no '" + key + "'");
    }
    return value;
  }

  static long number(Map<String, ?> map, String key, String source) throws IOException {
    if (!(field(map, key, source) instanceof Number n)) {
      throw new IOException(source + ": '" + key + "' is not a number");
    }
    return n.longValue();
  }

  static String text(Map<String, ?> map, String key, String source) throws IOException {
    return String.valueOf(field(map, key, source));
  }

  static List<?> list(Map<String, ?> map, String key, String source) throws IOException {
    if (!(field(map, key, source) instanceof List<?> list)) {
      throw new IOException(source + ": '" + key + "' is not a list");
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what, String source) throws IOException {
    if (!(value instanceof Map<?, ?>)) {
      throw new IOException(source + ": " + what + " is not an object");
    }
    return (Map<String, Object>) value;
  }
}

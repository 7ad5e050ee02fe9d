package dev.lednet.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed weight files (see resources/weights/README.md) and the values numpy printed for
 * them in expected.json.
 */
final class WeightFiles {

  static final Path ROOT = resource("/weights");

  private WeightFiles() {}

  private static Path resource(String name) {
    try {
      return Path.of(WeightFiles.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path file(String name) {
    return ROOT.resolve(name);
  }

  /** expected.json's "tensors": key to dtype, shape and values, in state dict order. */
  static JsonNode expectedTensors() {
    try {
      return new ObjectMapper().readTree(file("expected.json").toFile()).get("tensors");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> expectedKeys() {
    List<String> keys = new ArrayList<>();
    expectedTensors().fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The keys of the tiny Conv2d + BatchNorm2d model, without the extra test entries. */
  static List<String> modelKeys() {
    return expectedKeys().stream().filter(k -> Character.isDigit(k.charAt(0))).toList();
  }

  static StateDict read(String name) {
    try {
      return StateDictReader.read(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

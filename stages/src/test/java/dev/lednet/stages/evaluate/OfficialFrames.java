package dev.lednet.stages.evaluate;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lednet.schemas.FrameId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed comparison data (see resources/.../evaluate/official/README.md): five synthetic
 * frames and what evalPixelLevelSemanticLabeling.py exported for them.
 */
final class OfficialFrames {

  static final Path ROOT = resource("official");

  private OfficialFrames() {}

  private static Path resource(String name) {
    try {
      return Path.of(OfficialFrames.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ground-truth labelIds files, sorted by frame id. */
  static List<Path> groundTruthFiles() {
    try (Stream<Path> files = Files.walk(ROOT.resolve("gtFine/val"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("_gtFine_labelIds.png"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FrameId frameId(Path groundTruth) {
    return FrameId.fromFileName(groundTruth.toString());
  }

  static Path instanceIds(Path groundTruth) {
    return groundTruth.resolveSibling(
        groundTruth.getFileName().toString().replace("labelIds", "instanceIds"));
  }

  static Path prediction(Path groundTruth) {
    FrameId id = frameId(groundTruth);
    return ROOT.resolve("results").resolve(id.city()).resolve(id.fileName("leftImg8bit.png"));
  }

  /** One frame counted through the array API. */
  static FrameConfusion count(Path groundTruth) {
    PixelTally tally =
        PixelTally.count(
            TestImages.gray8(groundTruth),
            TestImages.gray8(prediction(groundTruth)),
            TestImages.gray16(instanceIds(groundTruth)));
    return FrameConfusion.create(
        frameId(groundTruth).toString(),
        IdSpace.LABEL_IDS,
        tally.confusion(IdSpace.LABEL_IDS),
        tally.instances());
  }

  static List<FrameConfusion> countAll() {
    return groundTruthFiles().stream().map(OfficialFrames::count).toList();
  }

  static String officialJsonText() {
    try {
      return Files.readString(ROOT.resolve("resultPixelLevelSemanticLabeling.json"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a results document, NaN included. */
  static JsonNode parse(String json) {
    try {
      return JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build()
          .readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.lednet.stages.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame's class IoUs, to find the frames a model gets most wrong. A class that is neither in
 * the frame's ground truth nor in its prediction has no IoU (NaN, {@code null} in JSON) and does
 * not count in the frame's mean, in both id spaces: over a single frame, trainIds' "absent class
 * scores 0" would make every frame look bad.
 *
 * @param frameId the frame
 * @param ids the id space it was scored in
 * @param classIou IoU per class name, in the order of the classes (labelId or trainId order)
 * @param meanIou the mean of the IoUs that are not NaN, NaN if none is
 */
public record FrameScores(String frameId, IdSpace ids, Map<String, Double> classIou, double meanIou)
    implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  public FrameScores {
    classIou = Collections.unmodifiableMap(new LinkedHashMap<>(classIou));
  }

  /** Scores one frame's confusion counts. */
  public static FrameScores of(FrameConfusion frame) {
    AggregateConfusion.SumConfusion sum = AggregateConfusion.combineFn();
    DatasetConfusion totals = sum.extractOutput(sum.addInput(sum.createAccumulator(), frame));
    Map<String, Double> classIou;
    if (frame.getIds() == IdSpace.LABEL_IDS) {
      classIou = CityscapesMetrics.of(totals).classIou();
    } else {
      TrainIdMetrics metrics = TrainIdMetrics.of(totals);
      classIou = new LinkedHashMap<>();
      for (Label label : CityscapesLabels.trainClasses()) {
        int c = label.trainId();
        long tp = metrics.truePositives(c);
        long all = tp + metrics.falsePositives(c) + metrics.falseNegatives(c);
        classIou.put(label.name(), all == 0 ? Double.NaN : (double) tp / all);
      }
    }
    return new FrameScores(frame.getFrameId(), frame.getIds(), classIou, mean(classIou));
  }

  private static double mean(Map<String, Double> scores) {
    double sum = 0;
    int valid = 0;
    for (double score : scores.values()) {
      if (!Double.isNaN(score)) {
        sum += score;
        valid++;
      }
    }
    return valid == 0 ? Double.NaN : sum / valid;
  }

  /** {@code {"frameId": ..., "ids": ..., "meanIoU": ..., "classIoU": {...}}}, NaN as null. */
  public String toJsonLine() {
    ObjectNode line = JSON.createObjectNode();
    line.put("frameId", frameId);
    line.put("ids", ids == IdSpace.LABEL_IDS ? "labelIds" : "trainIds");
    putScore(line, "meanIoU", meanIou);
    ObjectNode classes = line.putObject("classIoU");
    classIou.forEach((name, iou) -> putScore(classes, name, iou));
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a line that {@link #toJsonLine()} wrote. */
  public static FrameScores fromJsonLine(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      Map<String, Double> classIou = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.get("classIoU").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        classIou.put(field.getKey(), score(field.getValue()));
      }
      return new FrameScores(
          node.get("frameId").asText(),
          "trainIds".equals(node.get("ids").asText()) ? IdSpace.TRAIN_IDS : IdSpace.LABEL_IDS,
          classIou,
          score(node.get("meanIoU")));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a per-frame scores line: " + line, e);
    }
  }

  private static void putScore(ObjectNode node, String name, double score) {
    if (Double.isNaN(score)) {
      node.putNull(name);
    } else {
      node.put(name, score);
    }
  }

  private static double score(JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }

  /**
   * Orders frames from best to worst, so that the greatest is the worst ({@code Top.of(n, ...)}
   * gives the n worst): lower mean IoU is worse, a frame with no IoU at all is never among the
   * worst, and ties go by frame id, the earlier frame counting as worse.
   */
  public static ByBadness byBadness() {
    return new ByBadness();
  }

  /** The order of {@link #byBadness()}; serializable, so Beam's {@code Top} can carry it. */
  public static final class ByBadness implements Comparator<FrameScores>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(FrameScores a, FrameScores b) {
      int byMean = Double.compare(rankKey(b), rankKey(a));
      return byMean != 0 ? byMean : b.frameId().compareTo(a.frameId());
    }

    private static double rankKey(FrameScores scores) {
      return Double.isNaN(scores.meanIou()) ? Double.POSITIVE_INFINITY : scores.meanIou();
    }
  }
}

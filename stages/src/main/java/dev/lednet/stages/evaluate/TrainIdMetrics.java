package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableMap;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainIds scores of LEDNet's {@code iouEval.py}: for each of the 19 classes {@code tp / (tp +
 * fp + fn + 1e-15)}, where pixels whose ground truth is ignored are never false positives and a
 * prediction of "ignored" on a class pixel is a false negative; the mean is over all 19 classes, so
 * a class absent from both ground truth and prediction scores 0 (the official labelIds evaluation
 * would skip it as NaN instead).
 */
public final class TrainIdMetrics {

  private static final int CLASSES = CityscapesLabels.NUM_TRAIN_CLASSES;
  /** iouEval.py adds this to every denominator. */
  private static final double EPSILON = 1e-15;

  private final DatasetConfusion totals;

  private TrainIdMetrics(DatasetConfusion totals) {
    this.totals = totals;
  }

  /** Scores trainIds totals. */
  public static TrainIdMetrics of(DatasetConfusion totals) {
    if (totals.getIds() != IdSpace.TRAIN_IDS) {
      throw new IllegalArgumentException(
          "LEDNet's scores need trainIds totals, got " + totals.getIds() + "; use CityscapesMetrics");
    }
    return new TrainIdMetrics(totals);
  }

  /** Pixels of class {@code trainId} predicted as it. */
  public long truePositives(int trainId) {
    return totals.count(trainId, trainId);
  }

  /** Pixels predicted as {@code trainId} whose ground truth is another class (not ignored). */
  public long falsePositives(int trainId) {
    long fp = 0;
    for (int truth = 0; truth < CLASSES; truth++) {
      fp += truth == trainId ? 0 : totals.count(truth, trainId);
    }
    return fp;
  }

  /** Pixels of class {@code trainId} predicted as anything else, "ignored" included. */
  public long falseNegatives(int trainId) {
    long fn = 0;
    for (int predicted = 0; predicted <= CLASSES; predicted++) {
      fn += predicted == trainId ? 0 : totals.count(trainId, predicted);
    }
    return fn;
  }

  /** IoU of one class as iouEval.py computes it. */
  public double iou(int trainId) {
    long tp = truePositives(trainId);
    return tp / (tp + falsePositives(trainId) + falseNegatives(trainId) + EPSILON);
  }

  /** IoU of the 19 classes by name, in trainId order. */
  public Map<String, Double> classIou() {
    ImmutableMap.Builder<String, Double> scores = ImmutableMap.builder();
    for (Label label : CityscapesLabels.trainClasses()) {
      scores.put(label.name(), iou(label.trainId()));
    }
    return scores.build();
  }

  /**
   * The trainIds counterpart of the official export, written the same way ({@code sort_keys=True,
   * indent=4}): {@code confMatrix} (20x20, row and column 19 for ignored), {@code labels} (class
   * name to trainId), {@code classScores} and {@code averageScoreClasses} as iouEval.py computes
   * them.
   */
  public String toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    int size = totals.getIds().matrixSize();
    List<long[]> rows = new ArrayList<>();
    for (int truth = 0; truth < size; truth++) {
      rows.add(Arrays.copyOfRange(totals.getCounts(), truth * size, (truth + 1) * size));
    }
    document.put("confMatrix", rows);
    Map<String, Object> labels = new LinkedHashMap<>();
    CityscapesLabels.trainClasses().forEach(l -> labels.put(l.name(), l.trainId()));
    document.put("labels", labels);
    document.put("classScores", classIou());
    document.put("averageScoreClasses", meanIou());
    return PythonJson.dumps(document);
  }

  /** The mean of the 19 IoUs, LEDNet's "MEAN IoU". */
  public double meanIou() {
    double sum = 0;
    for (int trainId = 0; trainId < CLASSES; trainId++) {
      sum += iou(trainId);
    }
    return sum / CLASSES;
  }
}

package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of evalPixelLevelSemanticLabeling.py computed from labelIds totals, with its rules:
 * pixels whose ground truth is ignored count for no class (not even as false positives), a score
 * whose denominator is 0 is NaN, averages skip NaN, and vehicle's iIoU counts caravan and trailer
 * predictions as vehicle. Maps keep the official iteration order, which fixes how averages add up.
 */
public final class CityscapesMetrics {

  private static final int SIZE = CityscapesLabels.NUM_LABEL_IDS;

  private final DatasetConfusion totals;
  private final long[][] matrix;
  private final Map<String, Double> classScores = new LinkedHashMap<>();
  private final Map<String, Double> classInstScores = new LinkedHashMap<>();
  private final Map<String, Double> categoryScores = new LinkedHashMap<>();
  private final Map<String, Double> categoryInstScores = new LinkedHashMap<>();

  private CityscapesMetrics(DatasetConfusion totals) {
    this.totals = totals;
    this.matrix = new long[SIZE][SIZE];
    for (int truth = 0; truth < SIZE; truth++) {
      for (int predicted = 0; predicted < SIZE; predicted++) {
        matrix[truth][predicted] = totals.count(truth, predicted);
      }
    }
    for (Label label : evalLabels()) {
      classScores.put(label.name(), classIou(label));
      classInstScores.put(label.name(), classIIou(label));
    }
    for (String category : CityscapesLabels.byCategory().keySet()) {
      categoryScores.put(category, categoryIou(category));
      categoryInstScores.put(category, categoryIIou(category));
    }
  }

  /** Scores labelIds totals. */
  public static CityscapesMetrics of(DatasetConfusion totals) {
    if (totals.getIds() != IdSpace.LABEL_IDS) {
      throw new IllegalArgumentException(
          "the Cityscapes scores need labelIds totals, got " + totals.getIds() + "; use TrainIdMetrics");
    }
    return new CityscapesMetrics(totals);
  }

  /** The labels with a matrix row and column, labelId order ({@code args.evalLabels}). */
  private static List<Label> evalLabels() {
    return CityscapesLabels.all().stream().filter(l -> l.id() >= 0).toList();
  }

  private static List<Integer> ids(List<Label> labels) {
    return labels.stream().map(Label::id).toList();
  }

  /** IoU of the 19 classes that are not ignored, in labelId order. */
  public Map<String, Double> classIou() {
    return notIgnored(classScores);
  }

  /** iIoU of the 8 instance classes, in labelId order. */
  public Map<String, Double> classIIou() {
    ImmutableMap.Builder<String, Double> scores = ImmutableMap.builder();
    InstanceClasses.classes().forEach(l -> scores.put(l.name(), classInstScores.get(l.name())));
    return scores.build();
  }

  /** IoU of the 7 categories that have a label not ignored, in table order. */
  public Map<String, Double> categoryIou() {
    ImmutableMap.Builder<String, Double> scores = ImmutableMap.builder();
    CityscapesLabels.byCategory()
        .forEach(
            (category, labels) -> {
              if (!labels.stream().allMatch(Label::ignoreInEval)) {
                scores.put(category, categoryScores.get(category));
              }
            });
    return scores.build();
  }

  /** iIoU of human and vehicle. */
  public Map<String, Double> categoryIIou() {
    ImmutableMap.Builder<String, Double> scores = ImmutableMap.builder();
    InstanceClasses.categories()
        .forEach(c -> scores.put(c.name(), categoryInstScores.get(c.name())));
    return scores.build();
  }

  /** {@code averageScoreClasses}, the headline mIoU. */
  public double meanClassIou() {
    return average(classScores);
  }

  /** {@code averageScoreInstClasses}. */
  public double meanClassIIou() {
    return average(classInstScores);
  }

  /** {@code averageScoreCategories}. */
  public double meanCategoryIou() {
    return average(categoryScores);
  }

  /** {@code averageScoreInstCategories}. */
  public double meanCategoryIIou() {
    return average(categoryInstScores);
  }

  /** Share of all pixels whose ground truth is each label, for the 34 labels ({@code priors}). */
  public Map<String, Double> priors() {
    long all = 0;
    for (long[] row : matrix) {
      all += sum(row);
    }
    ImmutableMap.Builder<String, Double> priors = ImmutableMap.builder();
    for (Label label : evalLabels()) {
      priors.put(label.name(), (double) sum(matrix[label.id()]) / all);
    }
    return priors.build();
  }

  /**
   * The document the official script exports ({@code resultPixelLevelSemanticLabeling.json}), with
   * the same keys, nesting, order and number formatting.
   */
  public String toOfficialJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    List<long[]> rows = new ArrayList<>();
    for (long[] row : matrix) {
      rows.add(row.clone());
    }
    document.put("confMatrix", rows);
    document.put("priors", priors());
    Map<String, Object> labels = new LinkedHashMap<>();
    evalLabels().forEach(l -> labels.put(l.name(), l.id()));
    document.put("labels", labels);
    document.put("classScores", classScores);
    document.put("classInstScores", classInstScores);
    document.put("categoryScores", categoryScores);
    document.put("categoryInstScores", categoryInstScores);
    document.put("averageScoreClasses", meanClassIou());
    document.put("averageScoreInstClasses", meanClassIIou());
    document.put("averageScoreCategories", meanCategoryIou());
    document.put("averageScoreInstCategories", meanCategoryIIou());
    return PythonJson.dumps(document);
  }

  /** The totals scored. */
  public DatasetConfusion totals() {
    return totals;
  }

  private double classIou(Label label) {
    if (label.ignoreInEval()) {
      return Double.NaN;
    }
    long tp = matrix[label.id()][label.id()];
    long fn = sum(matrix[label.id()]) - tp;
    long fp = falsePositives(ImmutableList.of(label.id()), l -> l.id() != label.id());
    return ratio(tp, tp + fp + fn);
  }

  private double classIIou(Label label) {
    if (label.ignoreInEval() || InstanceClasses.classIndex(label.id()) < 0) {
      return Double.NaN;
    }
    double tp = totals.getClassWeightedTruePositives().get(label.name());
    double fn = totals.getClassWeightedFalseNegatives().get(label.name());
    long fp = falsePositives(ImmutableList.of(label.id()), l -> l.id() != label.id());
    return weightedRatio(tp, fp, fn);
  }

  private double categoryIou(String category) {
    List<Integer> ids =
        ids(CityscapesLabels.byCategory().get(category).stream()
            .filter(l -> l.id() >= 0 && !l.ignoreInEval())
            .toList());
    if (ids.isEmpty()) {
      return Double.NaN;
    }
    long tp = 0;
    long rows = 0;
    for (int truth : ids) {
      rows += sum(matrix[truth]);
      for (int predicted : ids) {
        tp += matrix[truth][predicted];
      }
    }
    long fp = falsePositives(ids, l -> !l.category().equals(category));
    return ratio(tp, tp + fp + (rows - tp));
  }

  private double categoryIIou(String category) {
    int index = InstanceClasses.categoryIndex(category);
    if (index < 0) {
      return Double.NaN;
    }
    // All of the category's labelIds, caravan and trailer included: the official quirk.
    List<Integer> ids = InstanceClasses.categories().get(index).labelIds();
    double tp = totals.getCategoryWeightedTruePositives().get(category);
    double fn = totals.getCategoryWeightedFalseNegatives().get(category);
    long fp = falsePositives(ids, l -> !l.category().equals(category));
    return weightedRatio(tp, fp, fn);
  }

  /** Pixels predicted as one of {@code columns} whose ground truth is not ignored and passes {@code rows}. */
  private long falsePositives(List<Integer> columns, java.util.function.Predicate<Label> rows) {
    long fp = 0;
    for (Label truth : evalLabels()) {
      if (!truth.ignoreInEval() && rows.test(truth)) {
        for (int predicted : columns) {
          fp += matrix[truth.id()][predicted];
        }
      }
    }
    return fp;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  /** {@code tp / (tp + fp + fn)} added left to right in doubles, as the official does. */
  private static double weightedRatio(double tp, long fp, double fn) {
    double denominator = tp + fp + fn;
    return denominator == 0 ? Double.NaN : tp / denominator;
  }

  /** {@code getScoreAverage}: the mean of the scores that are not NaN, in iteration order. */
  private static double average(Map<String, Double> scores) {
    int valid = 0;
    double sum = 0.0;
    for (double score : scores.values()) {
      if (!Double.isNaN(score)) {
        valid++;
        sum += score;
      }
    }
    return valid == 0 ? Double.NaN : sum / valid;
  }

  private static Map<String, Double> notIgnored(Map<String, Double> byLabelName) {
    ImmutableMap.Builder<String, Double> scores = ImmutableMap.builder();
    for (Label label : evalLabels()) {
      if (!label.ignoreInEval()) {
        scores.put(label.name(), byLabelName.get(label.name()));
      }
    }
    return scores.build();
  }

  private static long sum(long[] row) {
    long total = 0;
    for (long count : row) {
      total += count;
    }
    return total;
  }
}

package dev.lednet.stages.evaluate;

import java.util.Locale;
import java.util.Map;

/**
 * The scores as text tables, laid out like the tables {@code evalPixelLevelSemanticLabeling.py}
 * prints (class IoU and iIoU, then categories, each with its average; NaN as {@code nan}), or for
 * trainIds like LEDNet's per-class IoU list with its mean.
 */
public final class ScoreTable {

  private static final String RULE = "--------------------------------";

  private ScoreTable() {}

  /** The official class table and category table. */
  public static String of(CityscapesMetrics metrics) {
    StringBuilder out = new StringBuilder();
    out.append("classes          IoU      nIoU\n").append(RULE).append('\n');
    Map<String, Double> classIIou = metrics.classIIou();
    metrics
        .classIou()
        .forEach((name, iou) -> row(out, name, iou, classIIou.getOrDefault(name, Double.NaN)));
    average(out, metrics.meanClassIou(), metrics.meanClassIIou());
    out.append('\n');
    out.append("categories       IoU      nIoU\n").append(RULE).append('\n');
    Map<String, Double> categoryIIou = metrics.categoryIIou();
    metrics
        .categoryIou()
        .forEach((name, iou) -> row(out, name, iou, categoryIIou.getOrDefault(name, Double.NaN)));
    average(out, metrics.meanCategoryIou(), metrics.meanCategoryIIou());
    return out.toString();
  }

  /** LEDNet's trainIds scores: the 19 class IoUs and their mean. */
  public static String of(TrainIdMetrics metrics) {
    StringBuilder out = new StringBuilder();
    out.append("classes          IoU\n").append(RULE).append('\n');
    metrics
        .classIou()
        .forEach((name, iou) -> out.append(String.format(Locale.ROOT, "%-14s: %s%n", name, score(iou))));
    out.append(RULE).append('\n');
    out.append(String.format(Locale.ROOT, "MEAN IoU      : %s%n", score(metrics.meanIou())));
    out.append(RULE).append('\n');
    return out.toString();
  }

  private static void row(StringBuilder out, String name, double iou, double iIou) {
    out.append(String.format(Locale.ROOT, "%-14s: %s    %s%n", name, score(iou), score(iIou)));
  }

  private static void average(StringBuilder out, double iou, double iIou) {
    out.append(RULE).append('\n');
    out.append("Score Average : ").append(score(iou)).append("    ").append(score(iIou)).append('\n');
    out.append(RULE).append('\n');
  }

  /** Python's {@code "{:>5.3f}"}: NaN is {@code nan}. */
  static String score(double value) {
    return Double.isNaN(value) ? "  nan" : String.format(Locale.ROOT, "%5.3f", value);
  }
}

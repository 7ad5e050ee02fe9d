package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as one self-contained HTML page (inline CSS and SVG, pictures as data URIs, no
 * external assets, so it can be mailed or opened from a bucket): the score tables, per-class IoU
 * bars, the confusion matrix of the scored classes as a heat map normalised per ground-truth row,
 * and the worst frames with their ground truth, prediction and error pictures.
 */
public final class EvaluationReport {

  private final DatasetConfusion totals;
  private final String title;
  private final List<FrameScores> worstFrames;
  private final Map<String, FramePictures> pictures;

  private EvaluationReport(
      DatasetConfusion totals,
      String title,
      List<FrameScores> worstFrames,
      Map<String, FramePictures> pictures) {
    this.totals = totals;
    this.title = title;
    this.worstFrames = worstFrames;
    this.pictures = pictures;
  }

  /** A report of these totals, labelIds or trainIds. */
  public static EvaluationReport of(DatasetConfusion totals) {
    return new EvaluationReport(totals, "Evaluation", ImmutableList.of(), ImmutableMap.of());
  }

  public EvaluationReport withTitle(String title) {
    return new EvaluationReport(totals, title, worstFrames, pictures);
  }

  /** The frames to show, worst first, and the pictures of those that have them, by frame id. */
  public EvaluationReport withWorstFrames(
      List<FrameScores> worstFrames, Map<String, FramePictures> pictures) {
    return new EvaluationReport(
        totals, title, ImmutableList.copyOf(worstFrames), ImmutableMap.copyOf(pictures));
  }

  public String toHtml() {
    boolean labelIds = totals.getIds() == IdSpace.LABEL_IDS;
    Map<String, Double> classIou;
    double mean;
    String table;
    if (labelIds) {
      CityscapesMetrics metrics = CityscapesMetrics.of(totals);
      classIou = metrics.classIou();
      mean = metrics.meanClassIou();
      table = ScoreTable.of(metrics);
    } else {
      TrainIdMetrics metrics = TrainIdMetrics.of(totals);
      classIou = metrics.classIou();
      mean = metrics.meanIou();
      table = ScoreTable.of(metrics);
    }
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}\n")
        .append("h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}\n")
        .append("pre{background:#f6f6f6;padding:1em;display:inline-block}\n")
        .append("table.frames td{padding:4px 8px;vertical-align:top}\n")
        .append("table.frames img{image-rendering:pixelated;width:240px}\n")
        .append(".muted{color:#777}\n")
        .append("</style></head><body>\n");
    html.append("<h1>").append(escape(title)).append("</h1>\n");
    html.append("<p>")
        .append(totals.getFrames())
        .append(" frames, ")
        .append(labelIds ? "labelIds (official Cityscapes scores)" : "trainIds (LEDNet's iouEval)")
        .append(", mean IoU <b>")
        .append(ScoreTable.score(mean).trim())
        .append("</b></p>\n");
    html.append("<h2>Scores</h2>\n<pre>").append(escape(table)).append("</pre>\n");
    html.append("<h2>IoU per class</h2>\n").append(iouBars(classIou));
    html.append("<h2>Confusion matrix</h2>\n")
        .append("<p class=\"muted\">Rows are the ground truth, columns the prediction; each row is")
        .append(" normalised to its pixels. <i>other</i> is a prediction of a class that is not")
        .append(" scored.</p>\n")
        .append(heatMap());
    html.append(worstFramesSection());
    html.append("</body></html>\n");
    return html.toString();
  }

  /** The classes scored, in the order of their matrix index. */
  private List<Label> scoredClasses() {
    if (totals.getIds() == IdSpace.TRAIN_IDS) {
      return CityscapesLabels.trainClasses();
    }
    return CityscapesLabels.all().stream().filter(l -> l.id() >= 0 && !l.ignoreInEval()).toList();
  }

  private int index(Label label) {
    return totals.getIds() == IdSpace.LABEL_IDS ? label.id() : label.trainId();
  }

  private String iouBars(Map<String, Double> classIou) {
    int rowHeight = 18;
    int labelWidth = 120;
    int barWidth = 400;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"12\">\n",
            labelWidth + barWidth + 60,
            rowHeight * classIou.size() + 4));
    int row = 0;
    for (Map.Entry<String, Double> entry : classIou.entrySet()) {
      Label label = CityscapesLabels.byName(entry.getKey()).orElseThrow();
      double iou = entry.getValue();
      int y = row * rowHeight;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
              labelWidth - 6,
              y + 13,
              escape(label.name())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" stroke=\"#555\""
                  + " stroke-width=\"0.5\"/>",
              labelWidth,
              y + 2,
              Double.isNaN(iou) ? 0.0 : iou * barWidth,
              rowHeight - 4,
              hex(label.color().packed())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
              labelWidth + (Double.isNaN(iou) ? 0.0 : iou * barWidth) + 4,
              y + 13,
              ScoreTable.score(iou).trim()));
      row++;
    }
    return svg.append("</svg>\n").toString();
  }

  private String heatMap() {
    List<Label> classes = scoredClasses();
    int n = classes.size();
    int cell = 22;
    int labelSpace = 110;
    int size = totals.getIds().matrixSize();
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">\n",
            labelSpace + cell * (n + 1) + 10,
            labelSpace + cell * n + 10));
    for (int c = 0; c <= n; c++) {
      String name = c < n ? classes.get(c).name() : "other";
      int x = labelSpace + c * cell + cell / 2 + 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text transform=\"translate(%d,%d) rotate(-60)\">%s</text>\n",
              x,
              labelSpace - 4,
              escape(name)));
    }
    for (int r = 0; r < n; r++) {
      int truth = index(classes.get(r));
      long rowTotal = 0;
      for (int p = 0; p < size; p++) {
        rowTotal += totals.count(truth, p);
      }
      int y = labelSpace + r * cell;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
              labelSpace - 4,
              y + 15,
              escape(classes.get(r).name())));
      long scored = 0;
      for (int c = 0; c <= n; c++) {
        long count;
        if (c < n) {
          count = totals.count(truth, index(classes.get(c)));
          scored += count;
        } else {
          count = rowTotal - scored;
        }
        double share = rowTotal == 0 ? Double.NaN : (double) count / rowTotal;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s → %s: %s"
                    + " (%d px)</title></rect>\n",
                labelSpace + c * cell,
                y,
                cell - 1,
                cell - 1,
                heat(share),
                escape(classes.get(r).name()),
                escape(c < n ? classes.get(c).name() : "other"),
                Double.isNaN(share) ? "no pixels" : String.format(Locale.ROOT, "%.2f%%", 100 * share),
                count));
      }
    }
    return svg.append("</svg>\n").toString();
  }

  private String worstFramesSection() {
    if (worstFrames.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder();
    html.append("<h2>Worst frames</h2>\n<table class=\"frames\">\n")
        .append("<tr><th>frame</th><th>mean IoU</th><th>worst classes</th>")
        .append("<th>ground truth</th><th>prediction</th><th>errors</th></tr>\n");
    for (FrameScores frame : worstFrames) {
      html.append("<tr><td>")
          .append(escape(frame.frameId()))
          .append("</td><td>")
          .append(ScoreTable.score(frame.meanIou()).trim())
          .append("</td><td>")
          .append(worstClasses(frame))
          .append("</td>");
      FramePictures picture = pictures.get(frame.frameId());
      if (picture == null) {
        html.append("<td colspan=\"3\" class=\"muted\">no pictures</td>");
      } else {
        html.append(image(picture.truth(), "ground truth"))
            .append(image(picture.prediction(), "prediction"))
            .append(image(picture.errors(), "errors"));
      }
      html.append("</tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  private static String worstClasses(FrameScores frame) {
    StringBuilder html = new StringBuilder();
    frame.classIou().entrySet().stream()
        .filter(e -> !Double.isNaN(e.getValue()))
        .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .forEach(
            e ->
                html.append(escape(e.getKey()))
                    .append(' ')
                    .append(ScoreTable.score(e.getValue()).trim())
                    .append("<br>"));
    return html.toString();
  }

  private static String image(byte[] png, String alt) {
    return "<td><img alt=\"" + alt + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png) + "\"></td>";
  }

  /** White for 0, dark blue for 1; light gray for a row without pixels. */
  private static String heat(double share) {
    if (Double.isNaN(share)) {
      return "#eeeeee";
    }
    double t = Math.sqrt(Math.max(0, Math.min(1, share)));
    int r = (int) Math.round(255 - t * (255 - 8));
    int g = (int) Math.round(255 - t * (255 - 48));
    int b = (int) Math.round(255 - t * (255 - 107));
    return hex((r << 16) | (g << 8) | b);
  }

  private static String hex(int rgb) {
    return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

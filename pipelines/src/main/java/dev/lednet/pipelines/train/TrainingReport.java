package dev.lednet.pipelines.train;

import dev.lednet.model.train.EpochRecord;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The curves the reference showed in visdom, as files: {@code loss.svg} (training and validation
 * loss per epoch), {@code miou.svg} (validation mean IoU) and {@code history.tsv} (the numbers, as
 * the reference's {@code automated_log.txt}). Epochs of both phases run along one axis, with the
 * phase change marked. Rewritten after every epoch, so a run that stops still has its report.
 */
public final class TrainingReport {

  private static final int WIDTH = 720;
  private static final int HEIGHT = 360;
  private static final int LEFT = 64;
  private static final int RIGHT = 150;
  private static final int TOP = 36;
  private static final int BOTTOM = 44;

  private TrainingReport() {}

  public static void write(Path dir, List<EpochRecord> history) throws IOException {
    FileBytes.write(dir.resolve("history.tsv").toString(), tsv(history).getBytes(StandardCharsets.UTF_8));
    FileBytes.write(
        dir.resolve("loss.svg").toString(),
        chart(
                "Loss per epoch",
                history,
                List.of(
                    new Series("train loss", "#1f77b4", EpochRecord::trainLoss),
                    new Series("validation loss", "#ff7f0e", EpochRecord::validationLoss)),
                false)
            .getBytes(StandardCharsets.UTF_8));
    FileBytes.write(
        dir.resolve("miou.svg").toString(),
        chart(
                "Validation mean IoU per epoch",
                history,
                List.of(new Series("val mean IoU", "#2ca02c", EpochRecord::validationMeanIou)),
                true)
            .getBytes(StandardCharsets.UTF_8));
  }

  static String tsv(List<EpochRecord> history) {
    StringBuilder out =
        new StringBuilder(
            "phase\tepoch\tlearning_rate\ttrain_loss\tval_loss\tval_mean_iou\tsteps\tseconds\timages_per_s\n");
    for (EpochRecord r : history) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s\t%d\t%.6g\t%.6f\t%s\t%s\t%d\t%.1f\t%.3f%n",
              r.phase(),
              r.epoch(),
              r.learningRate(),
              r.trainLoss(),
              r.validationLoss() == null ? "" : String.format(Locale.ROOT, "%.6f", r.validationLoss()),
              r.validationMeanIou() == null ? "" : String.format(Locale.ROOT, "%.6f", r.validationMeanIou()),
              r.steps(),
              r.seconds(),
              r.imagesPerSecond()));
    }
    return out.toString();
  }

  private record Series(String name, String colour, Function<EpochRecord, Double> value) {}

  static String chart(String title, List<EpochRecord> history, List<Series> series, boolean unitRange) {
    double lo = unitRange ? 0 : Double.MAX_VALUE;
    double hi = unitRange ? 1 : -Double.MAX_VALUE;
    if (!unitRange) {
      for (Series s : series) {
        for (EpochRecord r : history) {
          Double v = s.value().apply(r);
          if (v != null) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      if (lo > hi) {
        lo = 0;
        hi = 1;
      }
      lo = Math.min(0, lo);
      hi = hi <= lo ? lo + 1 : hi * 1.05;
    }
    int n = Math.max(history.size(), 2);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n",
            WIDTH, HEIGHT, LEFT, escape(title)));
    for (int t = 0; t <= 4; t++) {
      double v = lo + (hi - lo) * t / 4;
      double y = TOP + plotH * (1 - t / 4.0);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>%n",
              LEFT, y, LEFT + plotW, y, LEFT - 6, y + 4, v));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">epoch (both phases)</text>%n",
            LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, LEFT + plotW / 2, HEIGHT - 8));
    for (int i = 0; i < history.size(); i++) {
      boolean phaseStart = i == 0 || !history.get(i).phase().equals(history.get(i - 1).phase());
      double x = LEFT + plotW * i / (n - 1);
      if (phaseStart) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s</text>%n",
                x, TOP, x, TOP + plotH, x + 3, TOP + 12, escape(history.get(i).phase())));
      }
      if (i % Math.max(1, history.size() / 10) == 0 || i == history.size() - 1) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n",
                x, TOP + plotH + 16, history.get(i).epoch()));
      }
    }
    int legendY = TOP + 10;
    for (Series s : series) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < history.size(); i++) {
        Double v = s.value().apply(history.get(i));
        if (v != null) {
          double x = LEFT + plotW * i / (n - 1);
          double y = TOP + plotH * (1 - (v - lo) / (hi - lo));
          points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
      }
      if (!points.isEmpty()) {
        svg.append(
            String.format(
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                s.colour(), String.join(" ", points)));
        for (String p : points) {
          String[] xy = p.split(",");
          svg.append(
              String.format("<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>%n", xy[0], xy[1], s.colour()));
        }
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
              WIDTH - RIGHT + 12, legendY - 4, s.colour(), WIDTH - RIGHT + 30, legendY, escape(s.name())));
      legendY += 18;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.evaluate.EvaluatePipeline;
import dev.lednet.pipelines.evaluate.EvaluationResult;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.CityscapesMetrics;
import dev.lednet.stages.evaluate.DatasetConfusion;
import dev.lednet.stages.evaluate.EvaluationReport;
import dev.lednet.stages.evaluate.IdSpace;
import dev.lednet.stages.evaluate.ScoreTable;
import dev.lednet.stages.evaluate.TrainIdMetrics;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import dev.lednet.stages.io.ReportFailures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lednet evaluate}: scores predictions against a split's ground truth, as the official script. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Score predictions as cityscapesScripts' evalPixelLevelSemanticLabeling.py does.",
      "Class and category IoU and iIoU of a split, or with"
            + " --ids trainIds as LEDNet's iouEval. Each ground-truth frame needs exactly one"
            + " prediction <city>_<seq>_<frame>*.png anywhere under --predictions. Exit code 0 when"
            + " every frame was evaluated, 1 when frames could not be (no result is written then),"
            + " 2 for bad options."
    })
public final class EvaluateCommand extends PipelineCommand {

  private static final int LISTED_PROBLEMS = 20;

  @Option(names = "--dataset", required = true, description = "Dataset root with gtFine/<split>/ (local or gs://).")
  String dataset;

  @Option(names = "--split", defaultValue = "val", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--predictions", required = true, description = "Root searched recursively for predictions (local or gs://).")
  String predictions;

  @Option(names = "--output", description = "Write the official result JSON (resultPixelLevelSemanticLabeling.json) here.")
  String output;

  @Option(names = "--per-frame", description = "Write one JSON line per frame (IoU per class) here.")
  String perFrame;

  @Option(names = "--report", description = "Write an HTML report (index.html, self-contained) into this directory.")
  String report;

  @Option(
      names = "--ids",
      defaultValue = "labelIds",
      converter = IdsConverter.class,
      description = "labelIds (official, against gtFine_labelIds) or trainIds (LEDNet, against gtFine_labelTrainIds) (default: ${DEFAULT-VALUE}).")
  IdSpace ids;

  @Option(names = "--allow-missing", description = "Leave out frames without exactly one prediction instead of failing.")
  boolean allowMissing;

  @Option(names = "--errors", description = "Write every frame that could not be evaluated here, as JSON lines.")
  String errors;

  @Option(names = "--worst", defaultValue = "10", description = "Worst frames shown in the report (default: ${DEFAULT-VALUE}).")
  int worst;

  @Override
  public Integer call() throws IOException {
    if (split.isBlank()) {
      throw usageError("--split must not be empty");
    }
    if (worst < 0) {
      throw usageError("--worst must be 0 or more, got " + worst);
    }
    if (!dryRun) { // a dry run reads nothing: the directories may be the outputs of earlier jobs
      requireLocalDirectory("--dataset", dataset);
      requireLocalDirectory("--predictions", predictions);
    }
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    EvaluatePipeline evaluation =
        new EvaluatePipeline(dataset, split, predictions, ids, allowMissing, report == null ? 0 : worst);
    EvaluationResult result = evaluation.run(options, err);
    if (errors != null) {
      FileBytes.write(errors, failureLines(result.failures()));
    }
    printWarnings(result.warnings(), err);

    List<Failure> blocking = result.blocking(allowMissing);
    if (!blocking.isEmpty()) {
      printProblems(blocking, err);
      return 1;
    }
    DatasetConfusion totals = result.totals();
    if (totals.getFrames() == 0) {
      err.println(
          result.missing().isEmpty()
              ? "evaluate: no frames evaluated: no ground truth "
                  + DatasetLayout.pattern(dataset, split, ids.groundTruthComponent())
              : "evaluate: no frames evaluated: no frame has exactly one prediction under "
                  + predictions);
      err.flush();
      return 1;
    }
    out.printf(
        "evaluate: %d frames of %s (%s) in %.1f s, %.1f frames/s%n%n",
        totals.getFrames(),
        split,
        idsName(),
        result.job().elapsed().toMillis() / 1000.0,
        totals.getFrames() / Math.max(result.job().elapsed().toMillis() / 1000.0, 1e-3));
    out.print(ids == IdSpace.LABEL_IDS
        ? ScoreTable.of(CityscapesMetrics.of(totals))
        : ScoreTable.of(TrainIdMetrics.of(totals)));
    publish(result, out);
    if (!result.missing().isEmpty()) {
      err.printf(
          "evaluate: %d frames left out (--allow-missing), scores are over the other %d:%n",
          result.missing().size(),
          totals.getFrames());
      printList(result.missing(), err);
    }
    out.flush();
    err.flush();
    return 0;
  }

  private void publish(EvaluationResult result, PrintWriter out) throws IOException {
    DatasetConfusion totals = result.totals();
    if (output != null) {
      String json = ids == IdSpace.LABEL_IDS
          ? CityscapesMetrics.of(totals).toOfficialJson()
          : TrainIdMetrics.of(totals).toJson();
      FileBytes.write(output, json.getBytes(StandardCharsets.UTF_8));
      out.println("results: " + output);
    }
    if (perFrame != null) {
      String lines = result.frames().stream().map(f -> f.toJsonLine() + "\n").collect(Collectors.joining());
      FileBytes.write(perFrame, lines.getBytes(StandardCharsets.UTF_8));
      out.println("per-frame scores: " + perFrame);
    }
    if (report != null) {
      String html =
          EvaluationReport.of(totals)
              .withTitle("lednet evaluate: " + split + " of " + dataset + " (" + idsName() + ")")
              .withWorstFrames(result.worst(), result.pictures())
              .toHtml();
      String page = DatasetLayout.join(report, "index.html");
      FileBytes.write(page, html.getBytes(StandardCharsets.UTF_8));
      out.println("report: " + page);
    }
  }

  /** Each distinct warning once, with the number of frames and the first few of them. */
  private static void printWarnings(List<Failure> warnings, PrintWriter err) {
    Map<String, List<Failure>> byReason =
        warnings.stream().collect(Collectors.groupingBy(Failure::getReason, TreeMap::new, Collectors.toList()));
    byReason.forEach(
        (reason, frames) -> {
          String examples =
              frames.stream().limit(3).map(Failure::getFrameId).collect(Collectors.joining(", "));
          err.printf(
              "warning: %d frame%s: %s (%s%s)%n",
              frames.size(),
              frames.size() == 1 ? "" : "s",
              reason,
              examples,
              frames.size() > 3 ? ", ..." : "");
        });
    err.flush();
  }

  private void printProblems(List<Failure> problems, PrintWriter err) {
    err.printf(
        "evaluate: %d frame%s could not be evaluated, no results written:%n",
        problems.size(),
        problems.size() == 1 ? "" : "s");
    printList(problems, err);
    if (!allowMissing && problems.stream().anyMatch(f -> f.getReason().startsWith("no prediction"))) {
      err.println("(--allow-missing evaluates the frames that have a prediction)");
    }
    err.flush();
  }

  private void printList(List<Failure> failures, PrintWriter err) {
    failures.stream().limit(LISTED_PROBLEMS).forEach(f -> err.println("  " + f.describe()));
    if (failures.size() > LISTED_PROBLEMS) {
      err.printf(
          "  ... and %d more%s%n",
          failures.size() - LISTED_PROBLEMS,
          errors == null ? " (--errors FILE lists them all)" : " (all in " + errors + ")");
    }
  }

  private static byte[] failureLines(List<Failure> failures) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Failure failure : failures) {
      lines.append(ReportFailures.jsonLine(failure)).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void requireLocalDirectory(String option, String path) {
    if (!path.contains("://") && !Files.isDirectory(Path.of(path))) {
      throw usageError(option + " " + path + ": no such directory");
    }
  }

  private String idsName() {
    return ids == IdSpace.LABEL_IDS ? "labelIds" : "trainIds";
  }
}

package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.submit.SubmissionZip;
import dev.lednet.pipelines.submit.SubmitCheck;
import dev.lednet.pipelines.submit.SubmitPipeline;
import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.CheckServerPngs;
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

/** {@code lednet submit}: checks a split's predictions and zips them for the Cityscapes server. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check predictions for the Cityscapes evaluation server and zip them for upload.",
      "Every frame of the split (leftImg8bit/<split>/<city>/*_leftImg8bit.png under --dataset)"
          + " needs exactly one PNG <city>_<seq>_<frame>*.png anywhere under --predictions: a"
          + " single-channel 8-bit image of labelIds (0..33) of the frame's size. Every problem is"
          + " listed with its frame and file, and the zip is written only when there is none. Exit"
          + " code 0 when the zip was written, 1 on problems (no zip written), 2 for bad options."
    })
public final class SubmitCommand extends PipelineCommand {

  /** Frames of the official Cityscapes test split, each of which the server needs. */
  static final long CITYSCAPES_TEST_FRAMES = 1525;

  private static final int LISTED_PROBLEMS = 100;
  private static final int WARNING_EXAMPLES = 5;

  @Option(names = "--predictions", required = true, description = "Root searched recursively for predictions (local or gs://); zip entries are relative to it.")
  String predictions;

  @Option(names = "--dataset", required = true, description = "Dataset root with leftImg8bit/<split>/ (local or gs://).")
  String dataset;

  @Option(names = "--split", defaultValue = "test", description = "Split to submit (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--zip", required = true, description = "The zip to write (local or gs://), only when every prediction is valid.")
  String zip;

  @Option(names = "--errors", description = "Write every problem here, as JSON lines.")
  String errors;

  @Override
  public Integer call() throws IOException {
    if (split.isBlank()) {
      throw usageError("--split must not be empty");
    }
    if (!dryRun) { // a dry run reads nothing: the directories may be the outputs of earlier jobs
      requireLocalDirectory("--dataset", dataset);
      requireLocalDirectory("--predictions", predictions);
    }
    if (!zip.contains("://") && Files.isDirectory(Path.of(zip))) {
      throw usageError("--zip " + zip + " is a directory; name the zip file to write");
    }
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    SubmitCheck check = new SubmitPipeline(dataset, split, predictions).run(options, err);
    if (errors != null) {
      FileBytes.write(errors, failureLines(check.failures()));
    }
    printWarnings(check.warnings(), err);
    if (check.frames() == 0) {
      err.println(
          "submit: no frames: nothing matches "
              + DatasetLayout.pattern(dataset, split, CheckServerPngs.IMAGE)
              + "; nothing written to "
              + zip);
      err.flush();
      return 1;
    }
    if ("test".equals(split) && check.frames() != CITYSCAPES_TEST_FRAMES) {
      err.printf(
          "warning: the Cityscapes test split has %d frames, %s has %d: the server expects a"
              + " prediction for each of the %d%n",
          CITYSCAPES_TEST_FRAMES, dataset, check.frames(), CITYSCAPES_TEST_FRAMES);
    }
    if (!check.passed()) {
      printProblems(check, err);
      return 1;
    }
    long bytes = SubmissionZip.of(check.checked()).writeTo(zip);
    out.printf(
        "submit: %d frames of %s checked in %.1f s: one valid labelIds PNG each%n",
        check.frames(),
        split,
        check.job().elapsed().toMillis() / 1000.0);
    out.printf("zip: %s (%d files, %s)%n", zip, check.checked().size(), size(bytes));
    out.flush();
    err.flush();
    return 0;
  }

  /** Each distinct warning once, with the number of frames or files and the first few of them. */
  private void printWarnings(List<Failure> warnings, PrintWriter err) {
    Map<String, List<Failure>> byReason =
        warnings.stream().collect(Collectors.groupingBy(Failure::getReason, TreeMap::new, Collectors.toList()));
    byReason.forEach(
        (reason, found) -> {
          boolean files = reason.equals(CheckServerPngs.FITS_NO_FRAME);
          err.printf(
              "warning: %d %s%s: %s%s%n",
              found.size(),
              files ? "file" : "frame",
              found.size() == 1 ? "" : "s",
              reason,
              files ? "; left out of the zip" : "");
          found.stream()
              .limit(WARNING_EXAMPLES)
              .forEach(f -> err.println("  " + (files ? f.getFile() : f.getFrameId() + ": " + f.getFile())));
          if (found.size() > WARNING_EXAMPLES) {
            err.printf("  ... and %d more%n", found.size() - WARNING_EXAMPLES);
          }
        });
    err.flush();
  }

  private void printProblems(SubmitCheck check, PrintWriter err) {
    List<Failure> problems = check.failures();
    if (problems.isEmpty()) {
      // Never expected: every frame without a valid PNG is a problem. Kept as a guard for the zip.
      err.printf(
          "submit: %d frames but %d valid PNGs; nothing written to %s%n",
          check.frames(), check.checked().size(), zip);
      err.flush();
      return;
    }
    long frames = problems.stream().map(Failure::getFrameId).distinct().count();
    err.printf(
        "submit: %d problem%s in %d of %d frames, nothing written to %s:%n",
        problems.size(),
        problems.size() == 1 ? "" : "s",
        frames,
        check.frames(),
        zip);
    problems.stream()
        .limit(LISTED_PROBLEMS)
        .forEach(f -> err.println("  " + f.getFrameId() + ": " + f.getFile() + ": " + f.getReason()));
    if (problems.size() > LISTED_PROBLEMS) {
      err.printf(
          "  ... and %d more%s%n",
          problems.size() - LISTED_PROBLEMS,
          errors == null ? " (--errors FILE lists them all)" : " (all in " + errors + ")");
    }
    err.flush();
  }

  private static String size(long bytes) {
    return bytes < 1_000_000 ? String.format("%.1f kB", bytes / 1e3) : String.format("%.1f MB", bytes / 1e6);
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
}

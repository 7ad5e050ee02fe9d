package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.evaluate.EvaluatePipeline;
import dev.lednet.pipelines.evaluate.EvaluationResult;
import dev.lednet.pipelines.evaluate.ResultComparison;
import dev.lednet.stages.evaluate.CityscapesMetrics;
import dev.lednet.stages.evaluate.IdSpace;
import dev.lednet.stages.evaluate.SyntheticEvaluationData;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lednet bench evaluate}: frames per second of the evaluate pipeline on synthetic frames,
 * and, side by side, of any other evaluator the user names with {@code --reference-command} (the
 * project runs no third-party script itself), with a check that both give the same numbers.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Throughput of 'lednet evaluate' on synthetic frames, beside a reference evaluator.",
      "Measures the evaluate pipeline on synthetic ground truth and perturbed predictions, and"
            + " optionally a reference evaluator run as --reference-command with CITYSCAPES_DATASET,"
            + " CITYSCAPES_RESULTS and CITYSCAPES_EXPORT_DIR set to the bench's data (the variables"
            + " cityscapesScripts' evalPixelLevelSemanticLabeling.py reads); its"
            + " resultPixelLevelSemanticLabeling.json is compared with ours."
    })
public final class BenchEvaluateCommand extends PipelineCommand {

  private static final String RESULT_FILE = "resultPixelLevelSemanticLabeling.json";
  /** Written into --work-dir once every frame is: which data is there, for reuse. */
  private static final String DATA_MARKER = "bench-data.txt";

  @Option(names = "--frames", defaultValue = "20", description = "Frames to evaluate (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(
      names = "--size",
      defaultValue = "2048x1024",
      converter = ImageSize.Converter.class,
      description = "Frame size (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the synthetic frames (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--runs", defaultValue = "2", description = "Runs of the pipeline; the best counts (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--reference-command",
      description = "Shell command of a reference evaluator to time on the same data.")
  String referenceCommand;

  @Option(
      names = "--work-dir",
      description =
          "Keep the data, logs and results here (default: a temporary directory, removed); data left"
              + " there by a run with the same --frames, --size and --seed is reused.")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    if (frames < 1 || runs < 1) {
      throw usageError("--frames and --runs must be at least 1");
    }
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    if (pipelineArgs.stream().noneMatch(a -> a.startsWith("--targetParallelism"))) {
      options.as(DirectOptions.class).setTargetParallelism(2);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("lednet-bench-evaluate-");
    try {
      Path dataset = work.resolve("cityscapes");
      Path predictions = work.resolve("results");
      Path marker = work.resolve(DATA_MARKER);
      String data = "frames=" + frames + " size=" + size + " seed=" + seed + "\n";
      if (Files.exists(marker) && Files.readString(marker).equals(data)) {
        out.printf(
            Locale.ROOT, "bench evaluate: %d frames %s (seed %d) reused under %s%n", frames, size, seed, work);
      } else {
        long start = System.nanoTime();
        Files.deleteIfExists(marker);
        for (Path tree : List.of(dataset, predictions)) {
          if (Files.exists(tree)) {
            deleteTree(tree);
          }
        }
        writeFrames(dataset, predictions);
        Files.writeString(marker, data);
        out.printf(
            Locale.ROOT,
            "bench evaluate: %d frames %s (seed %d) written under %s in %.1f s%n",
            frames, size, seed, work, seconds(start));
      }
      out.flush();

      EvaluatePipeline evaluation =
          new EvaluatePipeline(dataset.toString(), "val", predictions.toString(), IdSpace.LABEL_IDS, false, 0);
      List<Double> times = new ArrayList<>();
      List<Double> cpuTimes = new ArrayList<>();
      EvaluationResult result = null;
      for (int run = 0; run < runs; run++) {
        long cpuStart = processCpuNanos();
        result = evaluation.run(options, err);
        if (!result.failures().isEmpty() || result.totals().getFrames() != frames) {
          err.println("bench evaluate: the evaluation failed: " + result.failures());
          return 1;
        }
        times.add(result.job().elapsed().toNanos() / 1e9);
        cpuTimes.add((processCpuNanos() - cpuStart) / 1e9);
      }
      double best = times.stream().min(Double::compare).orElseThrow();
      String ours = CityscapesMetrics.of(result.totals()).toOfficialJson();
      Files.writeString(work.resolve("lednet-" + RESULT_FILE), ours);
      out.printf(
          Locale.ROOT,
          "  lednet evaluate (%s): %s s -> %.2f frames/s (best run)%n",
          runner(options),
          String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList()),
          frames / best);
      out.printf(
          Locale.ROOT,
          "  CPU time of the JVM per run: %s s (every thread, the run's setup and read-back included)%n",
          String.join(", ", cpuTimes.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList()));
      out.flush();
      if (referenceCommand == null) {
        return 0;
      }
      return reference(work, dataset, predictions, ours, best, out);
    } finally {
      if (workDir == null) {
        deleteTree(work);
      }
    }
  }

  private int reference(Path work, Path dataset, Path predictions, String ours, double ourSeconds, PrintWriter out)
      throws IOException, InterruptedException {
    Path export = Files.createDirectories(work.resolve("reference-export"));
    Path log = work.resolve("reference.log");
    // A result left by an earlier run must not pass for this one's.
    Files.deleteIfExists(export.resolve(RESULT_FILE));
    Files.deleteIfExists(dataset.resolve("evaluationResults").resolve(RESULT_FILE));
    ProcessBuilder process = new ProcessBuilder("bash", "-c", referenceCommand);
    Map<String, String> env = process.environment();
    env.put("CITYSCAPES_DATASET", dataset.toString());
    env.put("CITYSCAPES_RESULTS", predictions.toString());
    env.put("CITYSCAPES_EXPORT_DIR", export.toString());
    process.redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    int exit = process.start().waitFor();
    double seconds = seconds(start);
    out.printf(
        Locale.ROOT,
        "  reference (%s): %.2f s -> %.2f frames/s%s%n",
        referenceCommand,
        seconds,
        frames / seconds,
        exit == 0 ? "" : ", exit code " + exit + " (log: " + log + ")");
    out.printf(Locale.ROOT, "  frames/s lednet / reference: %.2fx%n", seconds / ourSeconds);
    Path theirs = Stream.of(export.resolve(RESULT_FILE), dataset.resolve("evaluationResults").resolve(RESULT_FILE))
        .filter(Files::exists)
        .findFirst()
        .orElse(null);
    if (theirs == null) {
      out.println("  results agree: not compared (the reference wrote no " + RESULT_FILE + ")");
      out.flush();
      return exit == 0 ? 0 : 1;
    }
    ResultComparison comparison = ResultComparison.of(ours, Files.readString(theirs, StandardCharsets.UTF_8));
    out.println("  results agree: " + comparison);
    out.flush();
    return exit == 0 && comparison.agree() ? 0 : 1;
  }

  private void writeFrames(Path dataset, Path predictions) throws IOException {
    SyntheticEvaluationData data = SyntheticEvaluationData.of(size.width(), size.height()).withSeed(seed);
    for (long i = 0; i < frames; i++) {
      data.write(i, dataset.toString(), predictions.toString(), IdSpace.LABEL_IDS);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String runner(PipelineOptions options) {
    String name = options.getRunner().getSimpleName();
    if (name.equals("DirectRunner")) {
      name += ", --targetParallelism=" + options.as(DirectOptions.class).getTargetParallelism();
    }
    return name;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

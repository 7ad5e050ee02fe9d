package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.BaselinePipeline;
import dev.lednet.pipelines.JobRunner;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.io.DatasetLayout;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lednet demo}: the main job end to end on a dataset (by default the committed {@code
 * testdata/}): prepare the label images, predict the val split, evaluate, and say where to look.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the main job end to end: prepare, infer the val split, evaluate, report.",
      "Without --model the network is the bundled LEDNet trained on synthetic frames"
          + " (models/lednet-synthetic, made by 'lednet train'; see its README)."
          + " --random uses seeded random weights instead; --baseline predicts with a location prior"
          + " learned from the train labels."
    })
public final class DemoCommand extends PipelineCommand {

  /** The model {@code lednet train} made from synthetic frames, committed with its command. */
  static final String BUNDLED_MODEL = "models/lednet-synthetic";

  /** The bundled model beside the launcher ({@code -Dlednet.home}), else under the working directory. */
  private static Path bundledModel() {
    String home = System.getProperty("lednet.home");
    return home != null ? Path.of(home).resolve(BUNDLED_MODEL) : Path.of(BUNDLED_MODEL);
  }

  @Option(
      names = "--dataset",
      defaultValue = "testdata/cityscapes",
      description = "Cityscapes root with polygons and images (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--work",
      defaultValue = "out/demo",
      description = "Where the demo writes everything (default: ${DEFAULT-VALUE}).")
  String work;

  @Option(
      names = "--model",
      description = "Model to infer with (default: the bundled " + BUNDLED_MODEL + ", LEDNet trained on synthetic frames).")
  String model;

  @Option(names = "--random", description = "Infer with LEDNet with seeded random weights (shows the pipeline, not accuracy).")
  boolean random;

  @Option(
      names = "--baseline",
      description = "Predict with the location-prior baseline (each pixel: the class most often there in train).")
  boolean baseline;

  @Override
  public Integer call() {
    PipelineOptions options = pipelineOptions(PipelineOptions.class);
    PrintWriter out = spec.commandLine().getOut();
    CommandLine root = spec.root().commandLine();
    String prepared = DatasetLayout.join(work, "prepared");
    String inference = DatasetLayout.join(work, "inference");
    String predictions =
        baseline ? DatasetLayout.join(work, "predictions") : DatasetLayout.join(inference, "server");
    String report = DatasetLayout.join(work, "report");

    out.println("== 1/3 prepare: polygons -> label images, as cityscapesScripts makes them");
    out.flush();
    int code =
        root.execute(
            with(
                "prepare",
                "--dataset=" + dataset,
                "--output=" + prepared,
                "--outputs=labelTrainIds,labelIds,color,instanceIds,instanceTrainIds"));
    if (code != 0) {
      return code;
    }

    out.println();
    if (baseline) {
      out.println("== 2/3 predict val: location-prior baseline learned from the train labels (not a network)");
      out.flush();
      Pipeline pipeline = Pipeline.create(options);
      BaselinePipeline.build(pipeline, prepared, dataset, "val", predictions);
      JobRunner.Outcome predicted = JobRunner.of("predict", spec.commandLine().getErr()).run(pipeline);
      out.printf(
          "predict: %d frames in %.1f s, labelIds PNGs under %s%n",
          predicted.counter(StageMetrics.FRAMES_DONE),
          predicted.elapsed().toMillis() / 1000.0,
          predictions);
      if (predicted.state() != PipelineResult.State.DONE
          || predicted.counter(StageMetrics.FAILURES) > 0) {
        return 1;
      }
    } else {
      String chosen = model != null ? model : bundledModel().toString();
      if (!random && model == null && !Files.isDirectory(bundledModel())) {
        throw new IllegalArgumentException(
            "the bundled model "
                + bundledModel()
                + " is not here: run ./lednet from the project, or give --model or --random");
      }
      out.println(
          "== 2/3 infer val: "
              + (random
                  ? "LEDNet with seeded RANDOM weights (scores near zero: the pipeline, not accuracy)"
                  : model == null
                      ? "LEDNet trained on synthetic frames by 'lednet train' (" + BUNDLED_MODEL + ")"
                      : model));
      out.flush();
      List<String> infer =
          new ArrayList<>(
              List.of(
                  "infer",
                  "--dataset=" + dataset,
                  "--split=val",
                  "--output=" + inference,
                  "--outputs=server,color,overlay"));
      if (!random) {
        infer.add("--model=" + chosen);
      }
      code = root.execute(with(infer.toArray(String[]::new)));
      if (code != 0) {
        return code;
      }
    }

    out.println();
    out.println("== 3/3 evaluate val, as evalPixelLevelSemanticLabeling.py");
    out.flush();
    code =
        root.execute(
            with(
                "evaluate",
                "--dataset=" + prepared,
                "--split=val",
                "--predictions=" + predictions,
                "--output=" + DatasetLayout.join(work, "resultPixelLevelSemanticLabeling.json"),
                "--per-frame=" + DatasetLayout.join(work, "frames.jsonl"),
                "--report=" + report));
    out.println();
    if (dryRun) {
      out.flush();
      return code;
    }
    out.printf("demo: label images in %s (e.g. *_gtFine_color.png)%n", prepared);
    out.printf("      predictions in %s, report %s%n", predictions, DatasetLayout.join(report, "index.html"));
    if (!baseline) {
      out.printf("      colour and overlay pictures in %s and %s%n",
          DatasetLayout.join(inference, "color"), DatasetLayout.join(inference, "overlay"));
    }
    out.flush();
    return code;
  }

  /** A subcommand's arguments followed by the Beam options given to the demo. */
  private String[] with(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(pipelineArgs);
    if (dryRun) {
      all.add("--dry-run");
    }
    return all.toArray(String[]::new);
  }
}

package dev.lednet.pipelines.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.util.common.ReflectHelpers;

/**
 * The runner behind {@code lednet ... --dry-run}: it stands in for the runner the options name
 * (DataflowRunner, FlinkRunner, ...), so nothing validates against, stages to or submits to a
 * service, and instead of running it describes the job: the options as the job would carry them
 * (Beam serialises exactly these into the job), what the Dataflow worker options amount to, and
 * the transform graph. The description leaves as a {@link Planned} exception, which the command
 * line prints before exiting 0: a command never reaches the work it does after its job.
 */
public final class DryRunRunner extends PipelineRunner<PipelineResult> {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().registerModules(ObjectMapper.findModules(ReflectHelpers.findClassLoader()));

  /** Options that only exist because of the dry run, or that every job has. */
  private static final List<String> NOT_SHOWN = List.of("plannedRunner", "runner", "optionsId");

  private final PipelineOptions options;

  private DryRunRunner(PipelineOptions options) {
    this.options = options;
  }

  /** Beam's factory method: {@code PipelineRunner.fromOptions} calls it. */
  public static DryRunRunner fromOptions(PipelineOptions options) {
    return new DryRunRunner(options);
  }

  /** Makes {@code options} describe their job instead of running it; returns them. */
  public static <T extends PipelineOptions> T standIn(T options) {
    options.as(DryRunOptions.class).setPlannedRunner(options.getRunner().getSimpleName());
    options.setRunner(DryRunRunner.class);
    return options;
  }

  /**
   * Where a command should stage what its job writes for it to read back: {@code --tempLocation}
   * (so that remote workers can write there), except in a dry run, which writes nothing and must
   * not reach a remote file system even to clean up: a local directory then.
   */
  public static String stagingTempLocation(PipelineOptions options) {
    return options.getRunner() == DryRunRunner.class ? null : options.getTempLocation();
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    throw new Planned(describe(pipeline));
  }

  /** The plan of {@code pipeline}, as {@code lednet --dry-run} prints it. */
  String describe(Pipeline pipeline) {
    String runner = options.as(DryRunOptions.class).getPlannedRunner();
    Map<String, String> given = givenOptions(options);
    StringBuilder text = new StringBuilder();
    text.append("dry run of job '").append(options.getJobName()).append("': nothing was run or submitted\n");
    text.append("runner: ").append(runner).append('\n');
    text.append("options (as the job would carry them):\n");
    if (given.isEmpty()) {
      text.append("  (none given: the runner's defaults)\n");
    }
    given.forEach((name, value) -> text.append("  --").append(name).append('=').append(value).append('\n'));
    if ("DataflowRunner".equals(runner)) {
      DataflowWorkers workers = DataflowWorkers.of(given);
      text.append("Dataflow workers:\n");
      workers.summary().forEach(line -> text.append("  ").append(line).append('\n'));
      List<String> problems = workers.problems();
      if (!problems.isEmpty()) {
        text.append("warnings:\n");
        problems.forEach(line -> text.append("  - ").append(line).append('\n'));
      }
    }
    GraphPrinter graph = new GraphPrinter();
    pipeline.traverseTopologically(graph);
    text.append("graph: ")
        .append(graph.primitives)
        .append(" steps in ")
        .append(graph.composites)
        .append(" composite transforms\n");
    graph.lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  /**
   * The options set on the command line or by the program, by name, each value as JSON: Beam's own
   * serialisation of the options, which is what a submitted job carries to its workers.
   */
  static Map<String, String> givenOptions(PipelineOptions options) {
    JsonNode serialised;
    try {
      serialised = MAPPER.readTree(MAPPER.writeValueAsString(options));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the pipeline options", e);
    }
    Map<String, String> given = new TreeMap<>();
    JsonNode values = serialised.path("options");
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> option = it.next();
      if (!NOT_SHOWN.contains(option.getKey()) && !option.getValue().isNull()) {
        JsonNode value = option.getValue();
        given.put(option.getKey(), value.isTextual() ? value.asText() : value.toString());
      }
    }
    return given;
  }

  /** What a dry run printed; the command line prints {@link #plan()} and exits 0. */
  public static final class Planned extends RuntimeException {
    private final String plan;

    Planned(String plan) {
      super("dry run: the job was described, not run");
      this.plan = plan;
    }

    public String plan() {
      return plan;
    }
  }

  /** Every transform, indented by nesting, with the class that implements it. */
  private static final class GraphPrinter extends Pipeline.PipelineVisitor.Defaults {
    final List<String> lines = new ArrayList<>();
    int depth;
    int composites;
    int primitives;

    @Override
    public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
      if (!node.isRootNode()) {
        add(node, "");
        composites++;
        depth++;
      }
      return CompositeBehavior.ENTER_TRANSFORM;
    }

    @Override
    public void leaveCompositeTransform(TransformHierarchy.Node node) {
      if (!node.isRootNode()) {
        depth--;
      }
    }

    @Override
    public void visitPrimitiveTransform(TransformHierarchy.Node node) {
      add(node, " *");
      primitives++;
    }

    private void add(TransformHierarchy.Node node, String mark) {
      String full = node.getFullName();
      String name = full.substring(full.lastIndexOf('/') + 1);
      Class<?> type = node.getTransform() == null ? Object.class : node.getTransform().getClass();
      lines.add("  ".repeat(depth + 1) + name + "  [" + kind(type) + "]" + mark);
    }

    /** {@code ParDo.MultiOutput}, {@code ReadFrameContent} for its AutoValue subclass. */
    private static String kind(Class<?> type) {
      if (type.getSimpleName().startsWith("AutoValue_")) {
        type = type.getSuperclass();
      }
      if (type.getSimpleName().isEmpty()) {
        return type.getName();
      }
      Class<?> outer = type.getEnclosingClass();
      return outer == null ? type.getSimpleName() : kind(outer) + "." + type.getSimpleName();
    }
  }
}

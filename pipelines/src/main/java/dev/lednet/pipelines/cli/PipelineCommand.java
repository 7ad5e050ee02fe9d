package dev.lednet.pipelines.cli;

import dev.lednet.pipelines.JobRunner;
import dev.lednet.pipelines.plan.DryRunRunner;
import dev.lednet.stages.StageMetrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Base of subcommands that run a Beam pipeline: their own options are picocli options, and every
 * other {@code --name=value} argument is a Beam pipeline option. An argument that is neither is a
 * usage error (exit code 2), so a typo never silently falls through to Beam's defaults.
 */
public abstract class PipelineCommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  @Unmatched List<String> pipelineArgs = new ArrayList<>();

  @Option(
      names = "--dry-run",
      description =
          "Print the job's pipeline options (Dataflow worker and GPU options checked) and its"
              + " transform graph, then exit: nothing is run, staged or submitted.")
  boolean dryRun;

  /** The Beam options given on the command line, viewed as {@code type}. */
  protected <T extends PipelineOptions> T pipelineOptions(Class<T> type) {
    for (String arg : pipelineArgs) {
      if (!arg.startsWith("--")) {
        throw new ParameterException(
            spec.commandLine(), "Unexpected argument '" + arg + "' (Beam options are --name=value)");
      }
    }
    try {
      T options =
          PipelineOptionsFactory.fromArgs(pipelineArgs.toArray(String[]::new)).withValidation().as(type);
      if (pipelineArgs.stream().noneMatch(a -> a.startsWith("--appName="))) {
        // Job names (Dataflow's console, Flink's UI) start with the app name, lower-cased with
        // anything but letters and digits replaced: LednetInfer gives lednetinfer-<user>-<time>.
        String name = spec.name();
        options
            .as(ApplicationNameOptions.class)
            .setAppName("Lednet" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1));
      }
      if (dryRun) {
        return DryRunRunner.standIn(options);
      }
      if (options.getRunner() == DirectRunner.class) {
        relaxDirectRunnerChecks(options.as(DirectOptions.class));
      }
      return options;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "Unknown option or bad pipeline option in " + pipelineArgs + ": " + firstLine(e.getMessage()));
    }
  }

  /**
   * The DirectRunner re-encodes every element to check that DoFns neither mutate their inputs nor
   * emit unencodable values: right for tests (which keep it), 15-20% of a prepare job's time for a
   * user's run. Turned off unless the command line asks for it.
   */
  private void relaxDirectRunnerChecks(DirectOptions options) {
    if (pipelineArgs.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
      options.setEnforceImmutability(false);
    }
    if (pipelineArgs.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
      options.setEnforceEncodability(false);
    }
  }

  /**
   * Ends a pipeline command's summary: where the failures are, if any, and the exit code (0 only
   * when the job finished and nothing failed).
   */
  protected int finish(JobRunner.Outcome outcome, String errorsFile) {
    PrintWriter out = spec.commandLine().getOut();
    long failures = outcome.counter(StageMetrics.FAILURES);
    if (failures > 0) {
      out.printf(
          "  %d failures: %s%n",
          failures,
          errorsFile == null ? "listed in the log above (--errors FILE keeps them)" : "see " + errorsFile);
    }
    out.flush();
    return outcome.state() == PipelineResult.State.DONE && failures == 0 ? 0 : 1;
  }

  /** A usage error: the message, the usage, exit code 2. */
  protected ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

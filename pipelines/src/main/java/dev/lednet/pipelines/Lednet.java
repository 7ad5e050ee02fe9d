package dev.lednet.pipelines;

import dev.lednet.pipelines.cli.AugmentCommand;
import dev.lednet.pipelines.cli.BenchCommand;
import dev.lednet.pipelines.cli.DemoCommand;
import dev.lednet.pipelines.cli.EvaluateCommand;
import dev.lednet.pipelines.cli.InferCommand;
import dev.lednet.pipelines.cli.LabelsCommand;
import dev.lednet.pipelines.cli.ModelCommand;
import dev.lednet.pipelines.cli.PrepareCommand;
import dev.lednet.pipelines.cli.SubmitCommand;
import dev.lednet.pipelines.cli.SynthCommand;
import dev.lednet.pipelines.cli.TrainCommand;
import dev.lednet.pipelines.plan.DryRunRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code lednet} command: one entry point for every pipeline. Subcommands take their own
 * options plus Beam pipeline options ({@code --runner=FlinkRunner}, {@code --tempLocation=...}).
 */
@Command(
    name = "lednet",
    mixinStandardHelpOptions = true,
    versionProvider = Lednet.Version.class,
    description = "LEDNet semantic segmentation for Cityscapes as Apache Beam pipelines.",
    subcommands = {
      DemoCommand.class,
      SynthCommand.class,
      PrepareCommand.class,
      AugmentCommand.class,
      TrainCommand.class,
      InferCommand.class,
      EvaluateCommand.class,
      SubmitCommand.class,
      LabelsCommand.class,
      ModelCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Every pipeline subcommand also takes Beam pipeline options as --name=value, e.g.",
      "  --runner=FlinkRunner --flinkMaster='[local]' --parallelism=2",
      "  --runner=DirectRunner --targetParallelism=2   (the default runner)",
      "  --runner=DataflowRunner ... --dry-run         (print options and graph, submit nothing)",
      "Run 'lednet <subcommand> --help' for the options of each subcommand."
    })
public final class Lednet implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Builds the command line; tests call {@code commandLine().execute(args)}. */
  public static CommandLine commandLine() {
    return new CommandLine(new Lednet())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Lednet::reportBadInput);
  }

  /**
   * Bad input (a missing or corrupt file, an impossible option combination) is reported in one
   * line that names the problem; anything else is a bug and keeps its stack trace.
   */
  private static int reportBadInput(
      Exception e, CommandLine command, CommandLine.ParseResult parseResult) throws Exception {
    if (e instanceof DryRunRunner.Planned planned) {
      command.getOut().print(planned.plan());
      command.getOut().flush();
      return 0;
    }
    if (e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      command.getErr().println("lednet " + command.getCommandName() + ": " + e.getMessage());
      command.getErr().flush();
      return 1;
    }
    throw e;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Lednet.class.getPackage().getImplementationVersion();
      return new String[] {"lednet " + (version == null ? "(development build)" : version)};
    }
  }
}

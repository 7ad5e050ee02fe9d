package dev.lednet.pipelines.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lednet bench}: throughput measurements of the stages, one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure the throughput of a stage on synthetic frames.",
    subcommands = {
      BenchPrepareCommand.class,
      BenchEvaluateCommand.class,
      BenchForwardCommand.class,
      BenchInferCommand.class,
      BenchPngCommand.class,
      BenchTrainCommand.class
    })
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing bench subcommand");
  }
}

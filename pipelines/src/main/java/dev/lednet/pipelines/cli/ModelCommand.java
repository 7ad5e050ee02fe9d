package dev.lednet.pipelines.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lednet model}: inspect, run and convert segmentation models. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Inspect, run and convert models (LEDNet weights, saved models, TorchScript).",
    subcommands = {ModelInfoCommand.class, ModelRunCommand.class, ModelConvertCommand.class},
    footer = {
      "",
      "--model takes: a directory saved by 'lednet model convert' (model.json + weights),",
      "a PyTorch .pth/.pt LEDNet state dict or checkpoint, an .npz of one, or a TorchScript file."
    })
public final class ModelCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing model subcommand");
  }
}

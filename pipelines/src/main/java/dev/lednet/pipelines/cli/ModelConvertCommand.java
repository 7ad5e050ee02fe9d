package dev.lednet.pipelines.cli;

import dev.lednet.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lednet model convert}: between PyTorch/numpy weights, TorchScript and saved models. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Convert a model. The output is a model directory (model.json + weights), or, when it ends",
      "in .npz, a LEDNet state dict by PyTorch key (load it in PyTorch with np.load + torch.from_numpy)."
    })
public final class ModelConvertCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "The model to convert.")
  Path model;

  @Option(names = "--output", required = true, description = "A new directory, or a file ending in .npz.")
  Path output;

  @Override
  public Integer call() throws IOException {
    ModelFiles.convert(model, output);
    spec.commandLine().getOut().printf("wrote %s%n", output);
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package dev.lednet.pipelines.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lednet.model.LednetSegmenter;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.ModelFormat;
import dev.lednet.model.Segmenter;
import dev.lednet.model.lednet.Lednet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lednet model info}: what a model is, its parameter count and its layers' output shapes. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Print a model's architecture, parameter count and layer table with output shapes.")
public final class ModelInfoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "The model (see 'lednet model --help').")
  Path model;

  @Option(
      names = "--size",
      converter = ImageSize.Converter.class,
      description = "Input size WIDTHxHEIGHT for the shapes (default: the model's input size).")
  ImageSize size;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelFormat format = ModelFormat.of(model);
    try (Segmenter segmenter = ModelFiles.open(model, ModelFiles.Options.defaults())) {
      ModelDescription d = segmenter.description();
      ImageSize input = size != null ? size : new ImageSize(d.inputWidth(), d.inputHeight());
      Shape inputShape = new Shape(1, 3, input.height(), input.width());
      out.printf("model:        %s (%s)%n", model, format.name().toLowerCase(java.util.Locale.ROOT));
      out.printf("architecture: %s%n", d.architecture());
      if (segmenter instanceof LednetSegmenter lednet) {
        Lednet net = lednet.network();
        long all = Lednet.countLearnable(net.stateDictParameters(), null);
        long used = Lednet.countLearnable(net.stateDictParameters(), "encoder.output_conv.");
        out.printf("classes:      %d%n", net.classes());
        out.printf("decoder:      %s%n", d.decoder());
        out.printf("input:        %dx%d, values v * %.6g, mean %s, std %s%n",
            d.inputWidth(), d.inputHeight(), d.scale(), d.mean(), d.std());
        out.printf(
            "parameters:   %,d (%,d used by a full forward; encoder.output_conv %,d is for encoder-only training)%n",
            all, used, all - used);
        out.printf("%nlayers for input %s (N, C, H, W):%n", inputShape);
        out.printf("  %-36s %-18s %-22s %10s%n", "layer", "type", "output", "parameters");
        for (Lednet.LayerRow row : net.layerTable(inputShape)) {
          out.printf("  %-36s %-18s %-22s %,10d%n", row.name(), row.type(), row.output(), row.parameters());
        }
        out.printf("  %-36s %-18s %-22s%n", "output", "", net.getOutputShapes(new Shape[] {inputShape})[0]);
      } else {
        try (NDManager m = NDManager.newBaseManager(segmenter.device())) {
          NDArray scores = segmenter.forward(m.zeros(inputShape));
          out.printf("input:        %dx%d, values v * %.6g, mean %s, std %s%n",
              input.width(), input.height(), d.scale(), d.mean(), d.std());
          out.printf("output:       %s for input %s (classes: %d)%n",
              scores.getShape(), inputShape, scores.getShape().get(1));
          out.println("layers:       a TorchScript model has no layer table here; its code is in the archive");
        }
      }
    }
    out.flush();
    return 0;
  }
}

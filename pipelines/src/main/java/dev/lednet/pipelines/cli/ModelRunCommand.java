package dev.lednet.pipelines.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lednet.model.DeviceChoice;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.Segmenter;
import dev.lednet.model.lednet.DecoderMode;
import dev.lednet.model.weights.StateDictWriter;
import dev.lednet.model.weights.TensorData;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import dev.lednet.stages.infer.ModelInput;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lednet model run}: one image through a model, the class scores written as a float32
 * {@code .npy} (1 x C x H x W) for comparison with other tools, optionally the argmax as a PNG.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a model on one image. The image is resized (Pillow bilinear) to --size and fed as RGB / 255,",
      "as the reference's ToTensor does; the scores are written as float32 .npy (1 x C x H x W)."
    })
public final class ModelRunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "The model (see 'lednet model --help').")
  Path model;

  @Option(names = "--image", required = true, description = "Input PNG (RGB, RGBA or gray).")
  Path image;

  @Option(
      names = "--size",
      converter = ImageSize.Converter.class,
      description = "Network input size WIDTHxHEIGHT (default: the model's, 1024x512 for LEDNet).")
  ImageSize size;

  @Option(
      names = "--decoder",
      description = "LEDNet decoder output: ${COMPLETION-CANDIDATES} (default: the model's, input).")
  DecoderMode decoder;

  @Option(names = "--logits", required = true, description = "Write the class scores here (.npy).")
  Path logits;

  @Option(names = "--argmax", description = "Also write the arg-max class of each pixel as an 8-bit PNG.")
  Path argmax;

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Raster picture = Png.decode(Files.readAllBytes(image), image.toString());
    ModelFiles.Options options =
        ModelFiles.Options.defaults()
            .withDevice(DeviceChoice.parse(device).resolve())
            .withDecoder(decoder);
    try (Segmenter segmenter = ModelFiles.open(model, options);
        NDManager manager = NDManager.newBaseManager(segmenter.device())) {
      ModelDescription d = segmenter.description();
      ImageSize input = size != null ? size : new ImageSize(d.inputWidth(), d.inputHeight());
      Raster resized = Resize.bilinear(picture, input.width(), input.height());
      float[] chw = ModelInput.of(d).toChw(resized);
      NDArray batch = manager.create(chw, new Shape(1, 3, input.height(), input.width()));
      NDArray scores = segmenter.forward(batch).toType(DataType.FLOAT32, false);
      Shape shape = scores.getShape();
      StateDictWriter.writeNpy(TensorData.ofFloats(shape.getShape(), scores.toFloatArray()), logits);
      out.printf("%s -> %s: scores %s written to %s%n", image, input, shape, logits);
      if (argmax != null) {
        long[] classes = scores.argMax(1).toLongArray();
        byte[] pixels = new byte[classes.length];
        for (int i = 0; i < classes.length; i++) {
          pixels[i] = (byte) classes[i];
        }
        Raster map = Raster.gray8((int) shape.get(3), (int) shape.get(2), pixels);
        FileBytes.write(argmax.toString(), Png.encode(map));
        out.printf("arg-max classes written to %s%n", argmax);
      }
    }
    out.flush();
    return 0;
  }
}

package dev.lednet.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lednet.model.lednet.DecoderMode;
import dev.lednet.model.lednet.Lednet;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.StateDictReader;
import dev.lednet.model.weights.StateDictWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens, saves and converts models in every {@link ModelFormat}. A saved model is a directory
 * written under a temporary name and renamed into place, so an interrupted save leaves nothing
 * that looks complete.
 */
public final class ModelFiles {

  static final String LEDNET_PARAMETERS = "lednet.params";
  static final String TORCHSCRIPT_FILE = "model.pt";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFiles() {}

  /** How to open a model. */
  public record Options(Device device, DecoderMode decoder, boolean foldBatchNorm) {

    /** CPU, the model's own decoder mode, BatchNorm folded. */
    public static Options defaults() {
      return new Options(Device.cpu(), null, true);
    }

    public Options withDevice(Device d) {
      return new Options(d, decoder, foldBatchNorm);
    }

    public Options withDecoder(DecoderMode d) {
      return new Options(device, d, foldBatchNorm);
    }

    public Options withFoldBatchNorm(boolean fold) {
      return new Options(device, decoder, fold);
    }
  }

  /** Reads what a model is without loading its weights (TorchScript class counts excepted). */
  public static ModelDescription describe(Path path) throws IOException {
    return switch (ModelFormat.of(path)) {
      case PROJECT -> readDescription(path);
      case PYTORCH_STATE_DICT, NUMPY_STATE_DICT ->
          ModelDescription.lednetReference(decoderName(DecoderMode.INPUT), path.getFileName().toString());
      case TORCHSCRIPT -> ModelDescription.torchScript(0, path.getFileName().toString());
    };
  }

  /** Loads {@code path} for inference. */
  public static Segmenter open(Path path, Options options) throws IOException {
    ModelFormat format = ModelFormat.of(path);
    MallocTuning.prepareFor(options.device());
    switch (format) {
      case PROJECT -> {
        ModelDescription d = readDescription(path);
        if (ModelDescription.TORCHSCRIPT.equals(d.architecture())) {
          return TorchScriptSegmenter.load(path.resolve(TORCHSCRIPT_FILE), options.device(), d);
        }
        return openLednet(d, options, (net, manager) -> loadParameters(path, net, manager));
      }
      case PYTORCH_STATE_DICT, NUMPY_STATE_DICT -> {
        StateDict weights = StateDictReader.read(path);
        ModelDescription d =
            ModelDescription.lednetReference(
                decoderName(DecoderMode.INPUT), path.getFileName().toString());
        return openLednet(
            d,
            options,
            (net, manager) -> {
              // Zeros are overwritten at once; random initialisation would only cost time.
              net.setInitializer(Initializer.ZEROS, p -> true);
              net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, d.inputHeight(), d.inputWidth()));
              LednetWeights.load(net, weights, path.toString());
            });
      }
      case TORCHSCRIPT -> {
        return TorchScriptSegmenter.load(
            path, options.device(), ModelDescription.torchScript(0, path.getFileName().toString()));
      }
    }
    throw new AssertionError(format);
  }

  /** A LEDNet with seeded random weights (PyTorch's default initialisation), for demos and tests. */
  public static Segmenter randomLednet(long seed, Options options) throws IOException {
    MallocTuning.prepareFor(options.device());
    ModelDescription d =
        ModelDescription.lednetReference(decoderName(DecoderMode.INPUT), "random, seed " + seed);
    return openLednet(
        d,
        options,
        (net, manager) -> {
          Engine.getEngine("PyTorch").setRandomSeed((int) seed);
          net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 512, 1024));
        });
  }

  /**
   * A LEDNet with PyTorch's default initialisation from {@code seed}, its parameters in {@code
   * manager}, for training from scratch.
   */
  public static Lednet initialisedLednet(long seed, DecoderMode mode, NDManager manager) {
    Lednet net = Lednet.create(ModelDescription.lednetReference(null, null).classes(), mode);
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 512, 1024));
    return net;
  }

  /**
   * A LEDNet holding the weights of {@code path} (this project's format, a PyTorch {@code .pth}
   * or an {@code .npz} state dict), unfolded and trainable, its parameters in {@code manager}.
   */
  public static Lednet loadLednet(Path path, DecoderMode mode, NDManager manager) throws IOException {
    ModelFormat format = ModelFormat.of(path);
    if (format == ModelFormat.TORCHSCRIPT || (format == ModelFormat.PROJECT && isTorchScript(path))) {
      throw new IOException(path + ": a TorchScript model cannot be trained here; give LEDNet weights");
    }
    ModelDescription d =
        format == ModelFormat.PROJECT ? readDescription(path) : describe(path);
    Lednet net = Lednet.create(d.classes(), mode);
    if (format == ModelFormat.PROJECT) {
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 512, 1024));
      loadParameters(path, net, manager);
    } else {
      net.setInitializer(Initializer.ZEROS, p -> true);
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 512, 1024));
      LednetWeights.load(net, StateDictReader.read(path), path.toString());
    }
    return net;
  }

  /** Saves a LEDNet's current weights (unfolded) with {@code description}, atomically. */
  public static void saveLednet(Lednet net, ModelDescription description, Path target)
      throws IOException {
    writeDirectory(
        target,
        description,
        dir -> {
          try (OutputStream out =
              new BufferedOutputStream(Files.newOutputStream(dir.resolve(LEDNET_PARAMETERS)))) {
            net.saveParameters(new DataOutputStream(out));
          }
        });
  }

  private interface WeightSource {
    void fill(Lednet net, NDManager manager) throws IOException;
  }

  private static Segmenter openLednet(ModelDescription d, Options options, WeightSource weights)
      throws IOException {
    DecoderMode mode = options.decoder() != null ? options.decoder() : decoderMode(d.decoder());
    Lednet net = Lednet.create(d.classes(), mode);
    NDManager manager = NDManager.newBaseManager(options.device());
    try {
      weights.fill(net, manager);
      return new LednetSegmenter(d.withDecoder(decoderName(mode)), net, manager, options.foldBatchNorm());
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static void loadParameters(Path dir, Lednet net, NDManager manager) throws IOException {
    Path file = dir.resolve(LEDNET_PARAMETERS);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      net.loadParameters(manager, new DataInputStream(in));
    } catch (MalformedModelException | RuntimeException e) {
      throw new IOException(file + ": cannot load LEDNet parameters: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code source} to {@code target}: a directory in this project's format, or, for a
   * LEDNet, an {@code .npz} state dict the reference code can load after {@code np.load}.
   */
  public static void convert(Path source, Path target) throws IOException {
    ModelFormat format = ModelFormat.of(source);
    boolean toNpz = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    if (format == ModelFormat.TORCHSCRIPT || (format == ModelFormat.PROJECT && isTorchScript(source))) {
      if (toNpz) {
        throw new IOException(source + ": a TorchScript model has no LEDNet state dict to write as .npz");
      }
      Path script = format == ModelFormat.PROJECT ? source.resolve(TORCHSCRIPT_FILE) : source;
      ModelDescription d =
          format == ModelFormat.PROJECT ? readDescription(source) : describe(source);
      writeDirectory(target, d, dir -> Files.copy(script, dir.resolve(TORCHSCRIPT_FILE)));
      return;
    }
    try (LednetSegmenter model =
        (LednetSegmenter) open(source, Options.defaults().withFoldBatchNorm(false))) {
      if (toNpz) {
        StateDictWriter.writeNpz(LednetWeights.export(model.network()), target);
      } else {
        save(model, target);
      }
    }
  }

  /** Saves a LEDNet in this project's format. */
  public static void save(LednetSegmenter model, Path target) throws IOException {
    saveLednet(model.network(), model.description(), target);
  }

  private interface DirectoryWriter {
    void write(Path dir) throws IOException;
  }

  private static void writeDirectory(Path target, ModelDescription d, DirectoryWriter contents)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute)) {
      throw new IOException(target + ": already exists; choose a new name or remove it first");
    }
    Files.createDirectories(absolute.getParent());
    Path temp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
    try {
      JSON.writeValue(temp.resolve(ModelFormat.DESCRIPTION_FILE).toFile(), d);
      contents.write(temp);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute);
      }
    } finally {
      deleteRecursively(temp);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static boolean isTorchScript(Path projectDir) throws IOException {
    return ModelDescription.TORCHSCRIPT.equals(readDescription(projectDir).architecture());
  }

  private static ModelDescription readDescription(Path dir) throws IOException {
    Path file = dir.resolve(ModelFormat.DESCRIPTION_FILE);
    try {
      return JSON.readValue(file.toFile(), ModelDescription.class);
    } catch (IOException e) {
      throw new IOException(file + ": not a valid model description: " + e.getMessage(), e);
    }
  }

  public static String decoderName(DecoderMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  public static DecoderMode decoderMode(String name) {
    return name == null ? DecoderMode.INPUT : DecoderMode.valueOf(name.toUpperCase(Locale.ROOT));
  }
}

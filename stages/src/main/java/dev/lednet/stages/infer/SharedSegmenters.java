package dev.lednet.stages.infer;

import ai.djl.Device;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.Segmenter;
import dev.lednet.model.TorchThreads;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded model per spec per JVM, shared by every DoFn instance on the worker: weights are
 * loaded once, not once per thread, and only as many passes run at once as the cores allow
 * ({@link ForwardSlots}). A model on {@code gs://} (a single file) is copied to local disk first,
 * since libtorch loads from files.
 */
public final class SharedSegmenters {

  private static final Map<ModelSpec, Segmenter> LOADED = new ConcurrentHashMap<>();

  private SharedSegmenters() {}

  public static Segmenter get(ModelSpec spec) {
    return LOADED.computeIfAbsent(spec, SharedSegmenters::load);
  }

  /**
   * How many forward passes a worker runs at once for {@code spec}: one on a GPU or with
   * libtorch's default threads, else cores / threads per pass.
   */
  public static int passesAtOnce(ModelSpec spec) {
    if (spec.device().resolve().isGpu() || spec.cpuThreadsPerPass() == 0) {
      return 1;
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / spec.cpuThreadsPerPass());
  }

  private static Segmenter load(ModelSpec spec) {
    Device device = spec.device().resolve();
    ModelFiles.Options options =
        ModelFiles.Options.defaults().withDevice(device).withDecoder(spec.decoder());
    int passes = passesAtOnce(spec);
    if (!device.isGpu() && spec.cpuThreadsPerPass() > 0) {
      // libtorch's intra-op thread count is process-wide: this JVM is the worker's model host.
      TorchThreads.set(spec.cpuThreadsPerPass());
    }
    try {
      Segmenter model =
          spec.isRandom()
              ? ModelFiles.randomLednet(spec.randomSeed(), options)
              : ModelFiles.open(localCopy(spec.location()), options);
      return new ForwardSlots(model, passes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path localCopy(String location) throws IOException {
    if (!location.contains("://")) {
      return Path.of(location);
    }
    String name = location.substring(location.lastIndexOf('/') + 1);
    Path dir = Files.createTempDirectory("lednet-model-");
    Path file = dir.resolve(name);
    Files.write(file, FileBytes.read(location));
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}

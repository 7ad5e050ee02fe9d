package dev.lednet.stages.infer;

import dev.lednet.model.ModelFiles;
import dev.lednet.model.Segmenter;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded model per spec per JVM, shared by every DoFn instance on the worker: weights are
 * loaded once, not once per thread, and passes run one at a time ({@link OneForwardAtATime}). A model on {@code gs://} (a single file) is copied to local
 * disk first, since libtorch loads from files.
 */
public final class SharedSegmenters {

  private static final Map<ModelSpec, Segmenter> LOADED = new ConcurrentHashMap<>();

  private SharedSegmenters() {}

  public static Segmenter get(ModelSpec spec) {
    return LOADED.computeIfAbsent(spec, SharedSegmenters::load);
  }

  private static Segmenter load(ModelSpec spec) {
    ModelFiles.Options options =
        ModelFiles.Options.defaults().withDevice(spec.device().resolve()).withDecoder(spec.decoder());
    try {
      Segmenter model =
          spec.isRandom()
              ? ModelFiles.randomLednet(spec.randomSeed(), options)
              : ModelFiles.open(localCopy(spec.location()), options);
      return new OneForwardAtATime(model);
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

package dev.lednet.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lednet.model.weights.Npy;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.TensorData;
import dev.lednet.model.weights.WeightsFileException;
import dev.lednet.model.weights.ZipEntries;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A resumable training checkpoint in one zip file: {@code state.json} ({@link TrainingState}),
 * the network's state dict as {@code model/<key>.npy} and the optimizer's as {@code
 * optimizer/<name>.npy} (numpy arrays, so Python can read them too). The file is written beside
 * its target under a temporary name, forced to disk and renamed over it, so the previous
 * checkpoint stays whole until the new one is.
 */
public record TrainingCheckpoint(TrainingState state, StateDict model, StateDict optimizer) {

  private static final String STATE = "state.json";
  private static final String MODEL = "model/";
  private static final String OPTIMIZER = "optimizer/";
  private static final String NPY = ".npy";
  private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel))) {
        entry(zip, STATE, JSON.writeValueAsString(state).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, TensorData> e : model.asMap().entrySet()) {
          entry(zip, MODEL + e.getKey() + NPY, Npy.write(e.getValue()));
        }
        for (Map.Entry<String, TensorData> e : optimizer.asMap().entrySet()) {
          entry(zip, OPTIMIZER + e.getKey() + NPY, Npy.write(e.getValue()));
        }
        zip.finish();
        zip.flush();
        channel.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(ZIP_EPOCH);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  /**
   * Reads a checkpoint, checking every entry's CRC.
   *
   * @throws WeightsFileException naming the file, for anything that is not a whole checkpoint
   */
  public static TrainingCheckpoint read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new WeightsFileException(file, "no checkpoint file here");
    }
    TrainingState state = null;
    StateDict.Builder model = StateDict.builder();
    StateDict.Builder optimizer = StateDict.builder();
    try (ZipFile zip = ZipEntries.open(file)) {
      for (ZipEntry e : ZipEntries.files(zip, file)) {
        byte[] bytes = ZipEntries.read(zip, e, file);
        String name = e.getName();
        if (name.equals(STATE)) {
          state = parseState(bytes, file);
        } else if (name.startsWith(MODEL) && name.endsWith(NPY)) {
          model.put(key(name, MODEL), array(bytes, name, file));
        } else if (name.startsWith(OPTIMIZER) && name.endsWith(NPY)) {
          optimizer.put(key(name, OPTIMIZER), array(bytes, name, file));
        } else {
          throw new WeightsFileException(file, "unexpected entry " + name + " in a checkpoint");
        }
      }
    }
    if (state == null) {
      throw new WeightsFileException(file, "not a training checkpoint: it has no " + STATE);
    }
    return new TrainingCheckpoint(state, model.build(), optimizer.build());
  }

  private static TrainingState parseState(byte[] bytes, Path file) throws WeightsFileException {
    TrainingState state;
    try {
      state = JSON.readValue(bytes, TrainingState.class);
    } catch (IOException e) {
      throw new WeightsFileException(file, STATE + " is not valid: " + e.getMessage(), e);
    }
    if (!TrainingState.FORMAT.equals(state.format())) {
      throw new WeightsFileException(
          file, "checkpoint format '" + state.format() + "' is not " + TrainingState.FORMAT);
    }
    return state;
  }

  private static String key(String name, String prefix) {
    return name.substring(prefix.length(), name.length() - NPY.length());
  }

  private static TensorData array(byte[] bytes, String name, Path file) throws WeightsFileException {
    try {
      return Npy.read(bytes);
    } catch (IllegalArgumentException e) {
      throw new WeightsFileException(file, "entry " + name + ": " + e.getMessage(), e);
    }
  }
}

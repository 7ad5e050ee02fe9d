package dev.lednet.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lednet.model.weights.Npy;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.StateDictWriter;
import dev.lednet.model.weights.TensorData;
import dev.lednet.model.weights.WeightsFileException;
import dev.lednet.model.weights.ZipEntries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A resumable training checkpoint in one zip file: {@code state.json} ({@link TrainingState}),
 * the network's state dict as {@code model/<key>.npy} and the optimizer's as {@code
 * optimizer/<name>.npy} (numpy arrays, so Python can read them too). The file is written beside
 * its target under a temporary name, forced to disk and renamed over it ({@link
 * StateDictWriter#writeZip}), so the previous
 * checkpoint stays whole until the new one is.
 */
public record TrainingCheckpoint(TrainingState state, StateDict model, StateDict optimizer) {

  private static final String STATE = "state.json";
  private static final String MODEL = "model/";
  private static final String OPTIMIZER = "optimizer/";
  private static final String NPY = ".npy";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    StateDictWriter.writeZip(
        file,
        entries -> {
          entries.add(STATE, JSON.writeValueAsString(state).getBytes(StandardCharsets.UTF_8), true);
          for (Map.Entry<String, TensorData> e : model.asMap().entrySet()) {
            entries.add(MODEL + e.getKey() + NPY, Npy.write(e.getValue()), false);
          }
          for (Map.Entry<String, TensorData> e : optimizer.asMap().entrySet()) {
            entries.add(OPTIMIZER + e.getKey() + NPY, Npy.write(e.getValue()), false);
          }
        });
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

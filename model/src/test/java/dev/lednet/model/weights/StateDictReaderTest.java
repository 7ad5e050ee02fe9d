package dev.lednet.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateDictReaderTest {

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"state_dict.npz", "state_dict-compressed.npz"})
  void npzHoldsExactlyTheArraysNumpyPrinted(String name) {
    StateDict stateDict = WeightFiles.read(name);

    assertEquals(WeightFiles.expectedKeys(), stateDict.keys());
    for (Iterator<Map.Entry<String, JsonNode>> it = WeightFiles.expectedTensors().fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> expected = it.next();
      assertMatches(expected.getValue(), stateDict.get(expected.getKey()), expected.getKey());
    }
  }

  private static void assertMatches(JsonNode expected, TensorData tensor, String key) {
    assertEquals(expected.get("dtype").asText(), tensor.dtype().toString(), key);
    long[] shape = new long[expected.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = expected.get("shape").get(i).asLong();
    }
    assertArrayEquals(shape, tensor.shape(), key);
    JsonNode values = expected.get("values");
    assertEquals(values.size(), tensor.numel(), key);
    if (tensor.dtype().isFloatingPoint()) {
      double[] actual = tensor.toDoubles();
      for (int i = 0; i < actual.length; i++) {
        assertEquals(values.get(i).asDouble(), actual[i], 0.0, key + "[" + i + "]");
      }
    } else {
      long[] actual = tensor.toLongs();
      for (int i = 0; i < actual.length; i++) {
        assertEquals(values.get(i).asLong(), actual[i], key + "[" + i + "]");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"state_dict.pth", "state_dict-legacy.pth", "state_dict-compressed.npz"})
  void everyFormatReadsToTheTensorsOfTheNpz(String name) {
    StateDict npz = WeightFiles.read("state_dict.npz");
    StateDict other = WeightFiles.read(name);

    assertEquals(npz.keys(), other.keys());
    for (String key : npz.keys()) {
      assertEquals(npz.get(key), other.get(key), key);
    }
    assertEquals(npz, other);
  }

  @ParameterizedTest
  @ValueSource(strings = {"state_dict.pth", "state_dict-legacy.pth"})
  void stridedViewsComeOutInTheOrderTheyShow(String name) {
    StateDict stateDict = WeightFiles.read(name);
    float[] base = stateDict.get("view.base").toFloats();
    float[] transposed = stateDict.get("view.transposed").toFloats();
    float[] sliced = stateDict.get("view.sliced").toFloats();

    // base is 4x5; transposed = base.t() is 5x4; sliced = base[1:, ::2] is 3x3.
    assertArrayEquals(new long[] {5, 4}, stateDict.get("view.transposed").shape());
    assertArrayEquals(new long[] {3, 3}, stateDict.get("view.sliced").shape());
    for (int row = 0; row < 4; row++) {
      for (int column = 0; column < 5; column++) {
        assertEquals(base[row * 5 + column], transposed[column * 4 + row]);
      }
    }
    for (int row = 0; row < 3; row++) {
      for (int column = 0; column < 3; column++) {
        assertEquals(base[(row + 1) * 5 + 2 * column], sliced[row * 3 + column]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"checkpoint.pth", "checkpoint-legacy.pth"})
  void checkpointGivesItsStateDictWithoutTheDataParallelPrefix(String name) {
    StateDict npz = WeightFiles.read("state_dict.npz");
    StateDict checkpoint = WeightFiles.read(name);

    assertEquals(WeightFiles.modelKeys(), checkpoint.keys());
    for (String key : checkpoint.keys()) {
      assertEquals(npz.get(key), checkpoint.get(key), key);
    }
    assertEquals(DType.INT64, checkpoint.get("1.num_batches_tracked").dtype());
    assertArrayEquals(new long[] {7}, checkpoint.get("1.num_batches_tracked").toLongs());
  }

  @Test
  void bigEndianArraysAreSwappedToTheirValues() {
    StateDict stateDict = WeightFiles.read("big-endian.npz");

    assertEquals(DType.FLOAT64, stateDict.get("weight").dtype());
    assertArrayEquals(
        new double[] {0, 0.25, 0.5, 0.75, 1, 1.25}, stateDict.get("weight").toDoubles());
    assertEquals(DType.INT32, stateDict.get("index").dtype());
    assertArrayEquals(new long[] {1, -2, 300}, stateDict.get("index").toLongs());
  }

  @Test
  void everyNpyHeaderVersionReads() {
    StateDict versions = WeightFiles.read("npy-versions.npz");
    TensorData bias = WeightFiles.read("state_dict.npz").get("0.bias");

    assertEquals(List.of("v1", "v2", "v3"), versions.keys());
    for (String key : versions.keys()) {
      assertEquals(bias, versions.get(key), key);
    }
  }

  @Test
  void fortranOrderArraysAreRefusedNamingFileAndEntry() {
    Path file = WeightFiles.file("fortran-order.npz");
    WeightsFileException e =
        assertThrows(WeightsFileException.class, () -> StateDictReader.read(file));

    assertTrue(
        e.getMessage().startsWith(file + ": npz entry weight.npy: a Fortran-order"),
        e.getMessage());
  }

  @Test
  void pickledModulesAreRefusedNamingFileAndClass() {
    Path zip = WeightFiles.file("whole-module.pth");
    Path legacy = WeightFiles.file("whole-module-legacy.pth");

    assertEquals(
        zip
            + ": a pickled nn.Module (torch.nn.modules.container.Sequential), not a state_dict:"
            + " reading it needs its Python class; save model.state_dict() instead",
        assertThrows(WeightsFileException.class, () -> StateDictReader.read(zip)).getMessage());
    assertEquals(
        legacy
            + ": a pickled nn.Module (__main__.Tiny), not a state_dict: reading it needs its"
            + " Python class; save model.state_dict() instead",
        assertThrows(WeightsFileException.class, () -> StateDictReader.read(legacy)).getMessage());
  }

  @Test
  void picklesOfOtherThingsAreRefusedSayingWhatTheyHold() {
    Path mixed = WeightFiles.file("not-only-tensors.pth");
    Path list = WeightFiles.file("tensor-list.pth");

    assertEquals(
        mixed
            + ": the pickled dict entry 'note' is a str, not a tensor; expected a state_dict or a"
            + " checkpoint dict with a 'state_dict' entry. It holds a dict with keys ['weight',"
            + " 'note']",
        assertThrows(WeightsFileException.class, () -> StateDictReader.read(mixed)).getMessage());
    assertEquals(
        list
            + ": the file holds a list of 1, not a state_dict (a dict of tensors) or a checkpoint"
            + " dict with a 'state_dict' entry",
        assertThrows(WeightsFileException.class, () -> StateDictReader.read(list)).getMessage());
  }

  @Test
  void filesThatAreNotWeightsAreRefusedSayingWhatTheyAre() throws IOException {
    Path empty = Files.write(temp.resolve("empty.pth"), new byte[0]);
    Path text = Files.writeString(temp.resolve("weights.pth"), "<!DOCTYPE html>");
    Path npy =
        Files.write(
            temp.resolve("bias.npy"), zipEntry(WeightFiles.file("state_dict.npz"), "0.bias.npy"));
    Path otherZip = temp.resolve("other.zip");
    writeZip(otherZip, "readme.txt");
    Path torchScript = temp.resolve("model.pt");
    writeZip(torchScript, "model/data.pkl", "model/constants.pkl", "model/code/__torch__.py");

    assertEquals(empty + ": empty file", readError(empty));
    assertEquals(
        text
            + ": not a weights file: neither a zip archive (.npz, torch.save) nor a legacy"
            + " torch.save pickle; it starts with 3c 21 44 4f 43 54 59 50",
        readError(text));
    assertEquals(
        npy + ": a single .npy array, not a state dict: save the weights with np.savez",
        readError(npy));
    assertEquals(
        otherZip
            + ": a zip archive that is neither an npz (no .npy entries) nor a torch.save file"
            + " (no data.pkl); it holds [readme.txt]",
        readError(otherZip));
    assertEquals(
        torchScript
            + ": a TorchScript archive (torch.jit.save), not a state_dict: load it as a DJL"
            + " model",
        readError(torchScript));
  }

  @Test
  void missingFilesAreNoSuchFileExceptions() {
    Path missing = temp.resolve("missing.pth");

    assertEquals(
        missing.toString(),
        assertThrows(NoSuchFileException.class, () -> StateDictReader.read(missing)).getMessage());
  }

  @Test
  void filesOnOtherFileSystemsAreReadAndNamedInErrors() throws IOException {
    try (FileSystem zipFs =
        FileSystems.newFileSystem(temp.resolve("bucket.zip"), Map.of("create", "true"))) {
      Path legacy =
          Files.copy(WeightFiles.file("checkpoint-legacy.pth"), zipFs.getPath("/ckpt.pth"));
      Path npz = Files.copy(WeightFiles.file("state_dict.npz"), zipFs.getPath("/weights.npz"));
      Path fortran =
          Files.copy(WeightFiles.file("fortran-order.npz"), zipFs.getPath("/fortran.npz"));

      assertEquals(WeightFiles.modelKeys(), StateDictReader.read(legacy).keys());
      assertEquals(WeightFiles.read("state_dict.npz"), StateDictReader.read(npz));
      assertTrue(
          readError(fortran).startsWith(fortran + ": npz entry weight.npy: a Fortran-order"));
    }
  }

  private static String readError(Path file) {
    return assertThrows(WeightsFileException.class, () -> StateDictReader.read(file)).getMessage();
  }

  private static byte[] zipEntry(Path zip, String name) throws IOException {
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      return archive.getInputStream(archive.getEntry(name)).readAllBytes();
    }
  }

  /** A zip of empty entries with these names. */
  private static void writeZip(Path file, String... names) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        zip.closeEntry();
      }
    }
  }

  /** Every committed weights file: the expected failures as much as the readable ones. */
  private static List<Path> committedFiles() throws IOException {
    try (Stream<Path> files = Files.list(WeightFiles.ROOT)) {
      return files.filter(f -> f.toString().matches(".*\\.(pth|npz)")).sorted().toList();
    }
  }

  @Test
  void everyCutOfEveryFileFailsNamingTheFile() throws IOException {
    for (Path file : committedFiles()) {
      byte[] bytes = Files.readAllBytes(file);
      for (int length = 0; length < bytes.length; length += length < 64 ? 1 : 17) {
        Path cut = temp.resolve(length + "-" + file.getFileName());
        Files.write(cut, Arrays.copyOf(bytes, length));
        WeightsFileException e =
            assertThrows(
                WeightsFileException.class, () -> StateDictReader.read(cut), cut.toString());
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        Files.delete(cut);
      }
    }
  }

  @Test
  void corruptBytesGiveWrongValuesOrErrorsNamingTheFileNeverOtherExceptions() throws IOException {
    int[] flips = {0x01, 0x80, 0xff};
    for (Path file : committedFiles()) {
      byte[] bytes = Files.readAllBytes(file);
      // Legacy pickles densely; zips mostly fail their CRC check, so a sample there.
      int step = file.toString().endsWith("legacy.pth") ? 4 : 23;
      for (int position = 0; position < bytes.length; position += step) {
        byte[] corrupt = bytes.clone();
        corrupt[position] ^= (byte) flips[position / step % flips.length];
        Path changed = temp.resolve(position + "-" + file.getFileName());
        Files.write(changed, corrupt);
        try {
          StateDictReader.read(changed);
        } catch (WeightsFileException e) {
          assertTrue(e.getMessage().startsWith(changed + ": "), () -> trace(e));
        }
        Files.delete(changed);
      }
    }
  }

  private static String trace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}

package dev.lednet.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictWriterTest {

  @TempDir Path temp;

  @Test
  void writtenNpzReadsBackToTheSameStateDict() throws IOException {
    StateDict stateDict = WeightFiles.read("state_dict-legacy.pth");
    Path stored = temp.resolve("stored.npz");
    Path deflated = temp.resolve("deflated.npz");

    StateDictWriter.writeNpz(stateDict, stored);
    StateDictWriter.writeNpzCompressed(stateDict, deflated);

    for (Path file : List.of(stored, deflated)) {
      StateDict read = StateDictReader.read(file);
      assertEquals(stateDict.keys(), read.keys());
      assertEquals(stateDict, read);
    }
  }

  /** What numpy 1.24 reads without complaint is what it writes itself. */
  @Test
  void entriesAreByteForByteTheOnesNumpyWrote() throws IOException {
    Path stored = temp.resolve("stored.npz");
    Path deflated = temp.resolve("deflated.npz");
    StateDict stateDict = WeightFiles.read("state_dict.pth");

    StateDictWriter.writeNpz(stateDict, stored);
    StateDictWriter.writeNpzCompressed(stateDict, deflated);

    List<Entry> numpy = entries(WeightFiles.file("state_dict.npz"));
    assertEquals(numpy.size(), stateDict.size());
    assertEntriesEqual(numpy, entries(stored), ZipEntry.STORED);
    assertEntriesEqual(
        entries(WeightFiles.file("state_dict-compressed.npz")),
        entries(deflated),
        ZipEntry.DEFLATED);
  }

  private record Entry(String name, int method, byte[] bytes) {}

  private static List<Entry> entries(Path npz) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        entries.add(
            new Entry(
                entry.getName(), entry.getMethod(), zip.getInputStream(entry).readAllBytes()));
      }
    }
    return entries;
  }

  private static void assertEntriesEqual(List<Entry> numpy, List<Entry> ours, int method) {
    assertEquals(numpy.stream().map(Entry::name).toList(), ours.stream().map(Entry::name).toList());
    for (int i = 0; i < numpy.size(); i++) {
      assertEquals(method, numpy.get(i).method(), numpy.get(i).name());
      assertEquals(method, ours.get(i).method(), ours.get(i).name());
      assertArrayEquals(numpy.get(i).bytes(), ours.get(i).bytes(), numpy.get(i).name());
    }
  }

  @Test
  void writingReplacesTheFileAndLeavesNothingElseBehind() throws IOException {
    Path target = Files.writeString(temp.resolve("weights.npz"), "an older file");
    StateDict stateDict =
        StateDict.builder().put("w", TensorData.ofFloats(new long[] {2}, 1.5f, -2f)).build();

    StateDictWriter.writeNpz(stateDict, target);

    assertEquals(stateDict, StateDictReader.read(target));
    assertEquals(List.of(target), list(temp));
  }

  @Test
  void failedWriteKeepsWhatWasThereAndLeavesNoTemporaryFile() throws IOException {
    // A non-empty directory cannot be renamed over: the last step fails.
    Path target = Files.createDirectory(temp.resolve("weights.npz"));
    Path inside = Files.writeString(target.resolve("keep"), "kept");
    StateDict stateDict =
        StateDict.builder().put("w", TensorData.ofLongs(new long[] {}, 7)).build();

    assertThrows(IOException.class, () -> StateDictWriter.writeNpz(stateDict, target));

    assertEquals(List.of(target), list(temp));
    assertEquals("kept", Files.readString(inside));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}

package dev.lednet.stages.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.schemas.EncodedFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class FileBytesTest {

  @TempDir Path dir;

  @Test
  void writeCreatesParentsAndLeavesNoTemporaryFiles() throws IOException {
    Path target = dir.resolve("a/b/c/file.png");
    FileBytes.write(target.toString(), new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void readersSeeEitherTheOldOrTheNewContentNeverAMix() throws Exception {
    Path target = dir.resolve("frame.png");
    byte[] small = new byte[1 << 10];
    byte[] large = new byte[8 << 20];
    java.util.Arrays.fill(large, (byte) 7);
    FileBytes.write(target.toString(), small);
    AtomicBoolean torn = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  int length = Files.readAllBytes(target).length;
                  if (length != small.length && length != large.length) {
                    torn.set(true);
                  }
                } catch (IOException e) {
                  torn.set(true);
                }
              }
            });
    reader.start();
    for (int i = 0; i < 20; i++) {
      FileBytes.write(target.toString(), i % 2 == 0 ? large : small);
    }
    stop.set(true);
    reader.join();
    assertFalse(torn.get(), "a reader saw a partly written file");
  }

  @Test
  void aFailedWriteKeepsThePreviousFile() throws IOException {
    Path target = dir.resolve("keep.png");
    FileBytes.write(target.toString(), new byte[] {9});
    Path blocker = dir.resolve("keep.png.dir");
    Files.createDirectories(blocker.resolve("x"));
    // Writing over a non-empty directory fails at the rename; the old file must stay intact.
    assertThrows(IOException.class, () -> FileBytes.write(blocker.toString(), new byte[] {1}));
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void readingAMissingFileNamesIt() {
    String missing = dir.resolve("nope.json").toString();
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FileBytes.read(missing));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void existsSeesOnlyWholeFiles() throws IOException {
    String path = dir.resolve("x/y.png").toString();
    assertFalse(FileBytes.exists(path));
    FileBytes.write(path, new byte[] {1});
    assertTrue(FileBytes.exists(path));
  }

  @Test
  void writeFilesStageWritesEveryFileAndReportsPaths(TestPipeline p) throws IOException {
    String a = dir.resolve("out/a.png").toString();
    String b = dir.resolve("out/sub/b.json").toString();
    PAssert.that(
            p.apply(Create.of(EncodedFile.create(a, new byte[] {1}), EncodedFile.create(b, new byte[] {2, 3})))
                .apply(WriteFiles.create()))
        .containsInAnyOrder(a, b);
    p.run().waitUntilFinish();
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(Path.of(a)));
    assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(Path.of(b)));
  }
}

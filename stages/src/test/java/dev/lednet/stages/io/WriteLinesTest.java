package dev.lednet.stages.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteLinesTest {

  @TempDir Path dir;

  @Test
  void linesAreWrittenSortedToOneFile(TestPipeline p) throws Exception {
    Path file = dir.resolve("out/lines.txt");
    p.apply(Create.of("b", "c", "a")).apply(WriteLines.to(file.toString()));
    p.run().waitUntilFinish();

    assertEquals("a\nb\nc\n", Files.readString(file));
  }

  @Test
  void noLinesWriteAnEmptyFile(TestPipeline p) throws Exception {
    Path file = dir.resolve("empty.txt");
    p.apply(Create.empty(StringUtf8Coder.of())).apply(WriteLines.to(file.toString()));
    p.run().waitUntilFinish();

    assertEquals("", Files.readString(file));
  }
}

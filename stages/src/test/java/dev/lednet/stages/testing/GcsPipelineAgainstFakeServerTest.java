package dev.lednet.stages.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GcsPipelineAgainstFakeServerTest {
  private static LoopbackOnlyNetwork network;

  // Initialised per test instance, before the extension below asks for its options.
  private final FakeGcsServer gcs = FakeGcsServer.start("test-bucket");

  @RegisterExtension
  final TestPipelineExtension pipelineExtension =
      TestPipelineExtension.fromOptions(gcs.pipelineOptions());

  @BeforeAll
  static void allowLoopbackOnly() {
    network = LoopbackOnlyNetwork.install();
  }

  @AfterAll
  static void restoreNetwork() {
    network.close();
  }

  @AfterEach
  void stopServer() {
    gcs.close();
    assertEquals(List.of(), gcs.unhandledRequests());
    assertEquals(List.of(), network.refused());
  }

  @Test
  void pipelineReadsMatchedGcsFilesAndWritesOneFilePerInputFromADoFn(TestPipeline pipeline) {
    gcs.putObject("gs://test-bucket/frames/aachen/aachen_000000_000019_leftImg8bit.png",
        new byte[3]);
    gcs.putObject("gs://test-bucket/frames/bochum/bochum_000000_000313_leftImg8bit.png",
        new byte[1234]);
    gcs.putObject("gs://test-bucket/frames/bochum/bochum_000000_000313_gtFine_polygons.json",
        new byte[7]);

    PCollection<String> written =
        pipeline
            .apply("Match", FileIO.match().filepattern("gs://test-bucket/frames/*/*.png"))
            .apply("Read", FileIO.readMatches())
            .apply("WriteSizes", ParDo.of(new WriteSizeFile("gs://test-bucket/sizes/")));
    PAssert.that(written)
        .containsInAnyOrder(
            "gs://test-bucket/sizes/aachen_000000_000019_leftImg8bit.png.size",
            "gs://test-bucket/sizes/bochum_000000_000313_leftImg8bit.png.size");
    pipeline.run().waitUntilFinish();

    assertEquals(
        List.of(
            "gs://test-bucket/frames/aachen/aachen_000000_000019_leftImg8bit.png",
            "gs://test-bucket/frames/bochum/bochum_000000_000313_gtFine_polygons.json",
            "gs://test-bucket/frames/bochum/bochum_000000_000313_leftImg8bit.png",
            "gs://test-bucket/sizes/aachen_000000_000019_leftImg8bit.png.size",
            "gs://test-bucket/sizes/bochum_000000_000313_leftImg8bit.png.size"),
        gcs.objectUris());
    assertArrayEquals(
        "3".getBytes(StandardCharsets.UTF_8),
        gcs.objectContent("gs://test-bucket/sizes/aachen_000000_000019_leftImg8bit.png.size"));
    assertArrayEquals(
        "1234".getBytes(StandardCharsets.UTF_8),
        gcs.objectContent("gs://test-bucket/sizes/bochum_000000_000313_leftImg8bit.png.size"));
  }

  @Test
  void fileIoWriteFinalisesItsShardsIntoGcsAndCleansUpTemporaryFiles(TestPipeline pipeline) {
    pipeline
        .apply("Lines", Create.of("aachen", "bochum", "bremen", "cologne"))
        .apply(
            "Write",
            FileIO.<String>write()
                .via(TextIO.sink())
                .to("gs://test-bucket/cities/")
                .withPrefix("cities")
                .withSuffix(".txt")
                .withNumShards(2));
    pipeline.run().waitUntilFinish();

    assertEquals(
        List.of(
            "gs://test-bucket/cities/cities-00000-of-00002.txt",
            "gs://test-bucket/cities/cities-00001-of-00002.txt"),
        gcs.objectUris());
    List<String> lines = new ArrayList<>();
    for (String shard : gcs.objectUris()) {
      String text = new String(gcs.objectContent(shard), StandardCharsets.UTF_8);
      lines.addAll(List.of(text.split("\n")));
    }
    Collections.sort(lines);
    assertEquals(List.of("aachen", "bochum", "bremen", "cologne"), lines);
  }

  /** Writes each file's byte count next to the others under a directory, through FileSystems. */
  static class WriteSizeFile extends DoFn<FileIO.ReadableFile, String> {
    private final String outputDirectory;

    WriteSizeFile(String outputDirectory) {
      this.outputDirectory = outputDirectory;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<String> out)
        throws IOException {
      int size = file.readFullyAsBytes().length;
      ResourceId output =
          FileSystems.matchNewResource(outputDirectory, true)
              .resolve(
                  file.getMetadata().resourceId().getFilename() + ".size",
                  StandardResolveOptions.RESOLVE_FILE);
      try (OutputStream stream =
          Channels.newOutputStream(FileSystems.create(output, "text/plain"))) {
        stream.write(Integer.toString(size).getBytes(StandardCharsets.UTF_8));
      }
      out.output(output.toString());
    }
  }
}

package dev.lednet.stages.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.storage.model.Objects;
import com.google.api.services.storage.model.StorageObject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.util.gcsfs.GcsPath;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.CreateOptions.StandardCreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.io.fs.MatchResult.Status;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Beam retries failed GCS calls for minutes; a timeout turns a protocol gap into a quick failure.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GcsFileSystemAgainstFakeServerTest {
  private static final String BUCKET = "gs://test-bucket/";
  private static LoopbackOnlyNetwork network;

  private FakeGcsServer gcs;
  private PipelineOptions options;

  @BeforeAll
  static void allowLoopbackOnly() {
    network = LoopbackOnlyNetwork.install();
  }

  @AfterAll
  static void restoreNetwork() {
    network.close();
  }

  @BeforeEach
  void startServer() {
    gcs = FakeGcsServer.start("test-bucket");
    options = gcs.registerWithFileSystems();
  }

  @AfterEach
  void stopServer() {
    gcs.close();
    assertEquals(List.of(), gcs.unhandledRequests());
    assertEquals(List.of(), network.refused());
  }

  @Test
  void createdFileReadsBackWithItsContentTypeThroughResumableUploadAndMediaDownload()
      throws IOException {
    byte[] content = "aachen_000000_000019".getBytes(StandardCharsets.UTF_8);

    write(BUCKET + "frames/a.txt", "text/plain", content);
    List<String> writeRequests = gcs.requestLog();
    byte[] readBack = read(BUCKET + "frames/a.txt");

    assertArrayEquals(content, readBack);
    assertArrayEquals(content, gcs.objectContent(BUCKET + "frames/a.txt"));
    assertEquals("text/plain", gcs.objectContentType(BUCKET + "frames/a.txt"));
    assertEquals(
        List.of(
            // gcsio asks for the current generation to make the upload conditional on it.
            "GET /storage/v1/b/test-bucket/o/frames%2Fa.txt",
            "POST /upload/storage/v1/b/test-bucket/o",
            "PUT /upload/storage/v1/b/test-bucket/o"),
        writeRequests);
    assertEquals(
        List.of(
            "GET /storage/v1/b/test-bucket/o/frames%2Fa.txt",
            "GET /download/storage/v1/b/test-bucket/o/frames%2Fa.txt"),
        gcs.requestLog().subList(writeRequests.size(), gcs.requestLog().size()));
  }

  @Test
  void overwritingAFileReplacesItsContent() throws IOException {
    write(BUCKET + "a.txt", "text/plain", bytes("first"));
    write(BUCKET + "a.txt", "text/plain", bytes("second"));

    assertArrayEquals(bytes("second"), read(BUCKET + "a.txt"));
    assertEquals(List.of(BUCKET + "a.txt"), gcs.objectUris());
  }

  @Test
  void emptyFileRoundTrips() throws IOException {
    write(BUCKET + "empty.bin", "application/octet-stream", new byte[0]);

    assertArrayEquals(new byte[0], read(BUCKET + "empty.bin"));
    assertEquals(0, FileSystems.matchSingleFileSpec(BUCKET + "empty.bin").sizeBytes());
  }

  @Test
  void fiveMebibyteFileIsUploadedInSixOneMebibyteChunksAndReadsBack() throws IOException {
    byte[] content = new byte[5 * (1 << 20) + 123];
    new Random(19).nextBytes(content);

    write(BUCKET + "big.bin", "application/octet-stream", content);

    long chunkPuts =
        gcs.requestLog().stream().filter("PUT /upload/storage/v1/b/test-bucket/o"::equals).count();
    assertEquals(6, chunkPuts);
    assertArrayEquals(content, gcs.objectContent(BUCKET + "big.bin"));
    assertArrayEquals(content, read(BUCKET + "big.bin"));
  }

  @Test
  void seekingIntoALargeFileReadsFromThatOffset() throws IOException {
    byte[] content = new byte[3 << 20];
    new Random(7).nextBytes(content);
    gcs.putObject(BUCKET + "big.bin", content);

    byte[] window = new byte[16];
    try (SeekableByteChannel channel =
        (SeekableByteChannel) FileSystems.open(resource(BUCKET + "big.bin"))) {
      channel.position(2_000_000);
      ByteBuffer buffer = ByteBuffer.wrap(window);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {}
      assertEquals(content.length, channel.size());
    }

    assertArrayEquals(Arrays.copyOfRange(content, 2_000_000, 2_000_016), window);
  }

  @Test
  void globMatchesPngFilesExactlyOneDirectoryBelowThePrefix() throws IOException {
    gcs.putObject(BUCKET + "frames/aachen/aachen_000000_000019_leftImg8bit.png", bytes("a"));
    gcs.putObject(BUCKET + "frames/bochum/bochum_000000_000313_leftImg8bit.png", bytes("bb"));
    gcs.putObject(BUCKET + "frames/aachen/nested/deeper.png", bytes("x"));
    gcs.putObject(BUCKET + "frames/aachen/aachen_000000_000019_gtFine.json", bytes("{}"));
    gcs.putObject(BUCKET + "frames/top.png", bytes("x"));
    gcs.putObject(BUCKET + "other/aachen/a.png", bytes("x"));

    MatchResult result = FileSystems.match(BUCKET + "frames/*/*.png");

    assertEquals(Status.OK, result.status());
    assertEquals(
        List.of(
            BUCKET + "frames/aachen/aachen_000000_000019_leftImg8bit.png",
            BUCKET + "frames/bochum/bochum_000000_000313_leftImg8bit.png"),
        result.metadata().stream().map(m -> m.resourceId().toString()).sorted().toList());
    assertEquals(
        List.of(1L, 2L), result.metadata().stream().map(Metadata::sizeBytes).sorted().toList());
  }

  @Test
  void matchedMetadataCarriesSizeMd5AndModificationTime() throws IOException {
    gcs.putObject(BUCKET + "a.txt", bytes("hello"));

    Metadata metadata = FileSystems.matchSingleFileSpec(BUCKET + "a.txt");

    assertEquals(5, metadata.sizeBytes());
    // Base64 of MD5("hello"), as GCS reports md5Hash.
    assertEquals("XUFAKrxLKna5cZ2REBfFkg==", metadata.checksum());
    assertTrue(metadata.isReadSeekEfficient());
    assertTrue(Math.abs(System.currentTimeMillis() - metadata.lastModifiedMillis()) < 60_000);
  }

  @Test
  void globOverMoreThanOneListingPageFindsEveryObject() throws IOException {
    for (int i = 0; i < 1500; i++) {
      gcs.putObject(String.format("%smany/%04d.png", BUCKET, i), new byte[] {(byte) i});
    }

    MatchResult result = FileSystems.match(BUCKET + "many/*.png");

    assertEquals(1500, result.metadata().size());
    assertEquals(
        2L,
        gcs.requestLog().stream().filter("GET /storage/v1/b/test-bucket/o"::equals).count());
  }

  @Test
  void listingWithADelimiterCollapsesSubdirectoriesIntoPrefixes() throws IOException {
    gcs.putObject(BUCKET + "frames/aachen/a.png", bytes("a"));
    gcs.putObject(BUCKET + "frames/aachen/b.png", bytes("b"));
    gcs.putObject(BUCKET + "frames/bochum/c.png", bytes("c"));
    gcs.putObject(BUCKET + "frames/index.txt", bytes("i"));

    Objects listing =
        options.as(GcsOptions.class).getGcsUtil().listObjects("test-bucket", "frames/", null, "/");

    assertEquals(List.of("frames/aachen/", "frames/bochum/"), listing.getPrefixes());
    assertEquals(
        List.of("frames/index.txt"),
        listing.getItems().stream().map(StorageObject::getName).toList());
  }

  @Test
  void matchingExactPathsReportsEachFoundOrMissingFromOneBatchRequest() throws IOException {
    gcs.putObject(BUCKET + "present.png", bytes("p"));

    List<MatchResult> results =
        FileSystems.match(List.of(BUCKET + "present.png", BUCKET + "absent.png"));

    assertEquals(
        List.of(Status.OK, Status.NOT_FOUND),
        results.stream().map(MatchResult::status).toList());
    assertEquals(
        List.of(
            "POST /batch/storage/v1",
            "GET /storage/v1/b/test-bucket/o/present.png",
            "GET /storage/v1/b/test-bucket/o/absent.png"),
        gcs.requestLog());
  }

  @Test
  void openingAMissingFileThrowsFileNotFoundException() {
    assertThrows(FileNotFoundException.class, () -> FileSystems.open(resource(BUCKET + "no.png")));
    assertThrows(
        FileNotFoundException.class, () -> FileSystems.matchSingleFileSpec(BUCKET + "no.png"));
  }

  @Test
  void matchingAMissingExactPathReportsNotFound() throws IOException {
    assertEquals(Status.NOT_FOUND, FileSystems.match(BUCKET + "no.png").status());
  }

  @Test
  void renameMovesContentAndRemovesTheSource() throws IOException {
    gcs.putObject(BUCKET + "tmp/a.png", bytes("a"));
    gcs.putObject(BUCKET + "tmp/b.png", bytes("b"));

    FileSystems.rename(
        List.of(resource(BUCKET + "tmp/a.png"), resource(BUCKET + "tmp/b.png")),
        List.of(resource(BUCKET + "final/a.png"), resource(BUCKET + "final/b.png")));

    assertEquals(List.of(BUCKET + "final/a.png", BUCKET + "final/b.png"), gcs.objectUris());
    assertArrayEquals(bytes("a"), gcs.objectContent(BUCKET + "final/a.png"));
    assertArrayEquals(bytes("b"), gcs.objectContent(BUCKET + "final/b.png"));
  }

  @Test
  void renamingAMissingFileFailsUnlessMissingFilesAreIgnored() throws IOException {
    List<ResourceId> missing = List.of(resource(BUCKET + "tmp/gone.png"));
    List<ResourceId> target = List.of(resource(BUCKET + "final/gone.png"));

    assertThrows(IOException.class, () -> FileSystems.rename(missing, target));
    FileSystems.rename(missing, target, StandardMoveOptions.IGNORE_MISSING_FILES);

    assertEquals(List.of(), gcs.objectUris());
  }

  @Test
  void createExpectingNoFileSkipsTheGenerationLookupAndRefusesToOverwrite() throws IOException {
    CreateOptions expectNew =
        StandardCreateOptions.builder()
            .setMimeType("image/png")
            .setExpectFileToNotExist(true)
            .build();

    try (WritableByteChannel channel = FileSystems.create(resource(BUCKET + "a.png"), expectNew)) {
      channel.write(ByteBuffer.wrap(bytes("first")));
    }
    List<String> firstWrite = gcs.requestLog();

    // The upload runs on a gcsio thread, so its 412 may surface from write or from close.
    assertThrows(
        IOException.class,
        () -> {
          try (WritableByteChannel again =
              FileSystems.create(resource(BUCKET + "a.png"), expectNew)) {
            again.write(ByteBuffer.wrap(bytes("second")));
          }
        });
    assertEquals(
        List.of(
            "POST /upload/storage/v1/b/test-bucket/o", "PUT /upload/storage/v1/b/test-bucket/o"),
        firstWrite);
    assertArrayEquals(bytes("first"), gcs.objectContent(BUCKET + "a.png"));
  }

  @Test
  void copyLeavesTheSourceInPlace() throws IOException {
    gcs.putObject(BUCKET + "a.png", bytes("a"));

    FileSystems.copy(List.of(resource(BUCKET + "a.png")), List.of(resource(BUCKET + "b.png")));

    assertEquals(List.of(BUCKET + "a.png", BUCKET + "b.png"), gcs.objectUris());
    assertArrayEquals(bytes("a"), gcs.objectContent(BUCKET + "b.png"));
  }

  @Test
  void deleteRemovesOnlyTheNamedFiles() throws IOException {
    gcs.putObject(BUCKET + "a.png", bytes("a"));
    gcs.putObject(BUCKET + "b.png", bytes("b"));
    gcs.putObject(BUCKET + "c.png", bytes("c"));

    FileSystems.delete(List.of(resource(BUCKET + "a.png"), resource(BUCKET + "c.png")));

    assertEquals(List.of(BUCKET + "b.png"), gcs.objectUris());
  }

  @Test
  void namesWithSpacesPlusSignsAndUmlautsRoundTrip() throws IOException {
    String uri = BUCKET + "frames/zürich/a b+c.png";
    write(uri, "image/png", bytes("z"));

    assertEquals(List.of(uri), gcs.objectUris());
    assertArrayEquals(bytes("z"), read(uri));
    assertEquals(
        List.of(uri),
        FileSystems.match(BUCKET + "frames/*/*.png").metadata().stream()
            .map(m -> m.resourceId().toString())
            .toList());
  }

  @Test
  void bucketAccessibilityIsAnsweredByBucketMetadata() throws IOException {
    GcsOptions gcsOptions = options.as(GcsOptions.class);

    assertTrue(gcsOptions.getGcsUtil().bucketAccessible(GcsPath.fromUri("gs://test-bucket")));
    assertFalse(gcsOptions.getGcsUtil().bucketAccessible(GcsPath.fromUri("gs://no-bucket")));
  }

  @Test
  void unimplementedRequestIsRefusedWith400NamingMethodAndPath() throws IOException {
    try (FakeGcsServer other = FakeGcsServer.start("test-bucket")) {
      URI copyTo = URI.create(other.endpoint() + "b/test-bucket/o/a/copyTo/b/test-bucket/o/b");
      HttpURLConnection connection = (HttpURLConnection) copyTo.toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes("{}"));
      }

      int status = connection.getResponseCode();
      String body;
      try (InputStream in = connection.getErrorStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }

      assertEquals(400, status);
      assertTrue(
          body.contains("POST /storage/v1/b/test-bucket/o/a/copyTo/b/test-bucket/o/b"), body);
      assertEquals(
          List.of("POST /storage/v1/b/test-bucket/o/a/copyTo/b/test-bucket/o/b"),
          other.unhandledRequests());
    }
  }

  private static ResourceId resource(String uri) {
    return FileSystems.matchNewResource(uri, false);
  }

  private static void write(String uri, String mimeType, byte[] content) throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(resource(uri), mimeType))) {
      // Several writes, as an encoder would make them, rather than one buffer handed over whole.
      for (int at = 0; at < content.length; at += 64 * 1024) {
        out.write(content, at, Math.min(64 * 1024, content.length - at));
      }
    }
  }

  private static byte[] read(String uri) throws IOException {
    try (ReadableByteChannel channel = FileSystems.open(resource(uri));
        InputStream in = Channels.newInputStream(channel)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

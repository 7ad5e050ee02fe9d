package dev.lednet.stages.testing;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lednet.stages.testing.GcsHttp.Request;
import dev.lednet.stages.testing.GcsHttp.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * An in-memory Google Cloud Storage JSON API on 127.0.0.1 that Beam 2.70's real {@code
 * GcsFileSystem} (Apiary client plus gcsio) works against unmodified: object metadata, listings,
 * ranged media downloads, resumable uploads, rewrites, deletes and batch requests. {@link
 * #configure} points options at it with no-op credentials. A request it does not implement gets a
 * 400 naming its method and path, not a 501, because Beam retries any 5xx for minutes.
 */
public final class FakeGcsServer implements AutoCloseable {
  /** The project id {@link #configure} sets, so Beam never asks gcloud or the metadata server. */
  public static final String PROJECT = "fake-gcs-project";

  /**
   * Upload chunk size {@link #configure} sets unless one is set: gcsio's default (64 MiB when the
   * heap exceeds 512 MiB) is one buffer of that size per open file, and 1 MiB makes a few
   * megabytes enough to exercise multi-chunk uploads.
   */
  public static final int UPLOAD_CHUNK_BYTES = 1 << 20;

  private static final int READ_TIMEOUT_MILLIS = 30_000;
  private static final int MAX_LIST_RESULTS = 1000;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes (?:\\*|(\\d+)-(\\d+))/(\\*|\\d+)");
  private static final JsonMapper JSON =
      JsonMapper.builder()
          // Batch parts reach the client's parser without a charset, so stay in ASCII.
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private record StoredObject(
      String bucket, String name, byte[] content, String contentType, long generation,
      Instant updated) {}

  private static final class Upload {
    final String bucket;
    final String name;
    final String contentType;
    final Long ifGenerationMatch;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();

    Upload(String bucket, String name, String contentType, Long ifGenerationMatch) {
      this.bucket = bucket;
      this.name = name;
      this.contentType = contentType;
      this.ifGenerationMatch = ifGenerationMatch;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  // Guarded by this.
  private final Map<String, Instant> buckets = new TreeMap<>();
  private final Map<String, NavigableMap<String, StoredObject>> objects = new HashMap<>();
  private final Map<String, Upload> uploads = new HashMap<>();
  private final List<String> requestLog = new ArrayList<>();
  private final List<String> unhandled = new ArrayList<>();
  private long lastGeneration = 0;
  private final AtomicInteger uploadIds = new AtomicInteger();

  private FakeGcsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a server on an ephemeral loopback port holding the given, empty, buckets. */
  public static FakeGcsServer start(String... bucketNames) {
    HttpServer server;
    try {
      InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-gcs-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    FakeGcsServer fake = new FakeGcsServer(server, executor);
    server.createContext("/", fake::handle);
    server.start();
    for (String bucket : bucketNames) {
      fake.createBucket(bucket);
    }
    return fake;
  }

  /** The value for {@code --gcsEndpoint}: Beam takes the host as root URL, the path as service. */
  public String endpoint() {
    return baseUrl + "/storage/v1/";
  }

  /**
   * Points {@code options} at this server and returns them. Call it before the options are used
   * for GCS: the {@code GcsUtil} they create on first use keeps the endpoint it saw.
   */
  public <T extends PipelineOptions> T configure(T options) {
    GcsOptions gcs = options.as(GcsOptions.class);
    gcs.setGcsEndpoint(endpoint());
    gcs.setCredentialFactoryClass(NoopCredentialFactory.class);
    gcs.setProject(PROJECT);
    // A broken exchange should fail a test in seconds, not after Beam's 80 s hanging-get timeout.
    gcs.setGcsHttpRequestReadTimeout(READ_TIMEOUT_MILLIS);
    if (gcs.getGcsUploadBufferSizeBytes() == null) {
      gcs.setGcsUploadBufferSizeBytes(UPLOAD_CHUNK_BYTES);
    }
    return options;
  }

  /** Fresh default options pointed at this server. */
  public PipelineOptions pipelineOptions() {
    return configure(PipelineOptionsFactory.create());
  }

  /**
   * Makes {@code gs://} in {@link FileSystems} calls outside a pipeline go to this server and
   * returns the options used; running a pipeline re-registers that pipeline's own options.
   */
  public PipelineOptions registerWithFileSystems() {
    PipelineOptions options = pipelineOptions();
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  public synchronized void createBucket(String bucket) {
    buckets.putIfAbsent(bucket, now());
    objects.putIfAbsent(bucket, new TreeMap<>());
  }

  /** Stores {@code content} at a {@code gs://bucket/name} URI, as an upload would. */
  public synchronized void putObject(String gcsUri, byte[] content) {
    String[] bucketAndName = splitGcsUri(gcsUri);
    NavigableMap<String, StoredObject> bucket = bucketObjects(bucketAndName[0]);
    store(bucket, bucketAndName[0], bucketAndName[1], content.clone(), "application/octet-stream");
  }

  public synchronized byte[] objectContent(String gcsUri) {
    return storedObject(gcsUri).content().clone();
  }

  public synchronized String objectContentType(String gcsUri) {
    return storedObject(gcsUri).contentType();
  }

  /** Every stored object as a {@code gs://} URI, sorted. */
  public synchronized List<String> objectUris() {
    List<String> uris = new ArrayList<>();
    for (NavigableMap<String, StoredObject> bucket : new TreeMap<>(objects).values()) {
      for (StoredObject object : bucket.values()) {
        uris.add("gs://" + object.bucket() + "/" + object.name());
      }
    }
    return uris;
  }

  /**
   * Every request received so far as {@code METHOD raw-path}, in arrival order; the members of a
   * batch follow its {@code POST /batch/storage/v1}, interleaved with whatever else arrived
   * meanwhile. For tests that pin the protocol down, and for diagnosis.
   */
  public synchronized List<String> requestLog() {
    return List.copyOf(requestLog);
  }

  /** Requests this server does not implement, with their query strings. */
  public synchronized List<String> unhandledRequests() {
    return List.copyOf(unhandled);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Map<String, String> headers = GcsHttp.newHeaderMap();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      // Google's client gzips request bodies unless a request opts out.
      if ("gzip".equalsIgnoreCase(headers.get("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      Request request =
          Request.of(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
      Response response = answer(request);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      boolean noBody = response.body().length == 0 || "HEAD".equals(request.method());
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
      if (!noBody) {
        exchange.getResponseBody().write(response.body());
      }
    } finally {
      exchange.close();
    }
  }

  private Response answer(Request request) {
    synchronized (this) {
      requestLog.add(request.toString());
    }
    try {
      return route(request);
    } catch (RuntimeException e) {
      return notHandled(request, "failed in FakeGcsServer: " + e);
    }
  }

  /**
   * Dispatches on the request's shape: its method and path with each bucket and object name (the
   * segment after a {@code b} or an {@code o}) replaced by {@code *} and collected in order.
   */
  private Response route(Request r) {
    List<String> names = new ArrayList<>();
    StringBuilder shape = new StringBuilder(r.method()).append(' ');
    List<String> segments = r.segments();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      shape.append('/').append(segment);
      if ((segment.equals("b") || segment.equals("o")) && i + 1 < segments.size()) {
        names.add(segments.get(++i));
        shape.append("/*");
      }
    }
    boolean media = "media".equals(r.query().get("alt"));
    boolean resumable = "resumable".equals(r.query().get("uploadType"));
    String uploadId = r.query().get("upload_id");
    return switch (shape.toString()) {
      case "POST /batch/storage/v1" -> GcsHttp.answerBatch(r, this::answer);
      case "GET /storage/v1/b/*" -> getBucket(names.get(0));
      case "GET /storage/v1/b/*/o" -> listObjects(names.get(0), r);
      case "GET /storage/v1/b/*/o/*" -> media
          ? download(names.get(0), names.get(1), r)
          : getObject(names.get(0), names.get(1), r);
      case "GET /download/storage/v1/b/*/o/*" -> download(names.get(0), names.get(1), r);
      case "DELETE /storage/v1/b/*/o/*" -> deleteObject(names.get(0), names.get(1), r);
      case "POST /storage/v1/b/*/o/*/rewriteTo/b/*/o/*" ->
          rewrite(names.get(0), names.get(1), names.get(2), names.get(3), r);
      case "POST /upload/storage/v1/b/*/o" ->
          resumable && uploadId == null ? startUpload(names.get(0), r) : notImplemented(r);
      case "PUT /upload/storage/v1/b/*/o" ->
          resumable && uploadId != null ? uploadChunk(uploadId, r) : notImplemented(r);
      default -> notImplemented(r);
    };
  }

  private synchronized Response getBucket(String bucket) {
    Instant created = buckets.get(bucket);
    if (created == null) {
      return noSuchBucket(bucket);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "storage#bucket");
    json.put("id", bucket);
    json.put("selfLink", baseUrl + "/storage/v1/b/" + bucket);
    json.put("name", bucket);
    json.put("projectNumber", "0");
    json.put("metageneration", "1");
    json.put("location", "US");
    json.put("storageClass", "STANDARD");
    json.put("timeCreated", created.toString());
    json.put("updated", created.toString());
    return json(200, json);
  }

  private synchronized Response listObjects(String bucket, Request r) {
    NavigableMap<String, StoredObject> all = objects.get(bucket);
    if (all == null) {
      return noSuchBucket(bucket);
    }
    String prefix = r.query().getOrDefault("prefix", "");
    String delimiter = r.query().get("delimiter");
    int maxResults = Math.min(
        MAX_LIST_RESULTS, Integer.parseInt(r.query().getOrDefault("maxResults", "1000")));
    String pageToken = r.query().get("pageToken");
    NavigableMap<String, StoredObject> candidates =
        pageToken == null
            ? all.tailMap(prefix, true)
            : all.tailMap(
                new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8),
                false);
    List<Object> items = new ArrayList<>();
    TreeSet<String> prefixes = new TreeSet<>();
    String last = null;
    boolean more = false;
    for (StoredObject object : candidates.values()) {
      if (!object.name().startsWith(prefix)) {
        break;
      }
      int cut = delimiter == null ? -1 : object.name().indexOf(delimiter, prefix.length());
      String collapsed = cut < 0 ? null : object.name().substring(0, cut + delimiter.length());
      // Objects under one collapsed prefix sort together, so a page never splits them.
      boolean newEntry = collapsed == null || !prefixes.contains(collapsed);
      if (newEntry && items.size() + prefixes.size() == maxResults) {
        more = true;
        break;
      }
      if (collapsed != null) {
        prefixes.add(collapsed);
      } else {
        items.add(objectJson(object));
      }
      last = object.name();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "storage#objects");
    if (more) {
      json.put(
          "nextPageToken",
          Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    if (!prefixes.isEmpty()) {
      json.put("prefixes", List.copyOf(prefixes));
    }
    // Like GCS, an empty listing has no "items" at all; Beam checks for that.
    if (!items.isEmpty()) {
      json.put("items", items);
    }
    return json(200, json);
  }

  private synchronized Response getObject(String bucket, String name, Request r) {
    StoredObject object = find(bucket, name, r);
    return object == null ? noSuchObject(bucket, name) : json(200, objectJson(object));
  }

  private synchronized Response download(String bucket, String name, Request r) {
    StoredObject object = find(bucket, name, r);
    if (object == null) {
      return noSuchObject(bucket, name);
    }
    byte[] content = object.content();
    Map<String, String> headers = GcsHttp.newHeaderMap();
    headers.put("Content-Type", object.contentType());
    // gcsio reads the generation of what it is served from here and pins later ranges to it.
    headers.put("x-goog-generation", Long.toString(object.generation()));
    headers.put("x-goog-metageneration", "1");
    headers.put("x-goog-stored-content-length", Integer.toString(content.length));
    headers.put("x-goog-stored-content-encoding", "identity");
    headers.put("x-goog-hash", "crc32c=" + crc32c(content) + ",md5=" + md5(content));
    String range = r.header("Range");
    if (range == null || content.length == 0) {
      return new Response(200, headers, content);
    }
    Matcher m = RANGE.matcher(range);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return error(400, "invalid", "Unparseable Range header: " + range);
    }
    long start;
    long end;
    if (m.group(1).isEmpty()) {
      start = Math.max(0, content.length - Long.parseLong(m.group(2)));
      end = content.length - 1;
    } else {
      start = Long.parseLong(m.group(1));
      end = m.group(2).isEmpty() ? content.length - 1
          : Math.min(Long.parseLong(m.group(2)), content.length - 1);
    }
    if (start >= content.length || end < start) {
      return error(416, "invalidRange", "The requested range cannot be satisfied: " + range);
    }
    headers.put("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
    byte[] slice = Arrays.copyOfRange(content, (int) start, (int) end + 1);
    return new Response(206, headers, slice);
  }

  private synchronized Response deleteObject(String bucket, String name, Request r) {
    StoredObject object = find(bucket, name, r);
    if (object == null) {
      return noSuchObject(bucket, name);
    }
    Response failed = checkGenerationMatch(object, r.query().get("ifGenerationMatch"));
    if (failed != null) {
      return failed;
    }
    objects.get(bucket).remove(name);
    return Response.empty(204);
  }

  private synchronized Response rewrite(
      String sourceBucket, String sourceName, String bucket, String name, Request r) {
    StoredObject source = find(sourceBucket, sourceName, r.query().get("sourceGeneration"));
    if (source == null) {
      return noSuchObject(sourceBucket, sourceName);
    }
    NavigableMap<String, StoredObject> destination = objects.get(bucket);
    if (destination == null) {
      return noSuchBucket(bucket);
    }
    String ifSource = r.query().get("ifSourceGenerationMatch");
    if (ifSource != null && Long.parseLong(ifSource) != source.generation()) {
      return preconditionFailed();
    }
    Response failed =
        checkGenerationMatch(destination.get(name), r.query().get("ifGenerationMatch"));
    if (failed != null) {
      return failed;
    }
    StoredObject copy = store(destination, bucket, name, source.content(), source.contentType());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "storage#rewriteResponse");
    json.put("totalBytesRewritten", Integer.toString(copy.content().length));
    json.put("objectSize", Integer.toString(copy.content().length));
    json.put("done", true);
    json.put("resource", objectJson(copy));
    return json(200, json);
  }

  private synchronized Response startUpload(String bucket, Request r) {
    if (!objects.containsKey(bucket)) {
      return noSuchBucket(bucket);
    }
    JsonNode metadata = parseJson(r.body());
    String name = r.query().getOrDefault("name", metadata.path("name").asText(null));
    if (name == null || name.isEmpty()) {
      return error(400, "required", "Upload without an object name");
    }
    String contentType = metadata.path("contentType").asText(null);
    if (contentType == null) {
      contentType = r.headers().getOrDefault("X-Upload-Content-Type", "application/octet-stream");
    }
    String ifGenerationMatch = r.query().get("ifGenerationMatch");
    Response failed = checkGenerationMatch(objects.get(bucket).get(name), ifGenerationMatch);
    if (failed != null) {
      return failed;
    }
    String id = "fake-upload-" + uploadIds.incrementAndGet();
    uploads.put(id, new Upload(
        bucket, name, contentType,
        ifGenerationMatch == null ? null : Long.parseLong(ifGenerationMatch)));
    Map<String, String> headers = GcsHttp.newHeaderMap();
    headers.put(
        "Location",
        baseUrl + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
    return new Response(200, headers, new byte[0]);
  }

  private synchronized Response uploadChunk(String id, Request r) {
    Upload upload = uploads.get(id);
    if (upload == null) {
      return error(404, "notFound", "No such upload: " + id);
    }
    String contentRange = r.header("Content-Range");
    Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
    if (m == null || !m.matches()) {
      return error(400, "invalid", "Unparseable Content-Range: " + contentRange);
    }
    if (m.group(1) != null) {
      int first = Integer.parseInt(m.group(1));
      if (first > upload.received.size()) {
        return error(400, "invalid", "Chunk at " + first + " leaves a gap after "
            + upload.received.size() + " bytes");
      }
      // A client resending bytes we already have (after a lost reply) overwrites them.
      byte[] kept = Arrays.copyOf(upload.received.toByteArray(), first);
      upload.received.reset();
      upload.received.writeBytes(kept);
      upload.received.writeBytes(r.body());
    }
    int received = upload.received.size();
    if (m.group(3).equals("*") || received < Long.parseLong(m.group(3))) {
      Map<String, String> headers = GcsHttp.newHeaderMap();
      if (received > 0) {
        headers.put("Range", "bytes=0-" + (received - 1));
      }
      return new Response(308, headers, new byte[0]);
    }
    if (received > Long.parseLong(m.group(3))) {
      return error(400, "invalid", "Received " + received + " bytes of " + m.group(3));
    }
    NavigableMap<String, StoredObject> bucket = objects.get(upload.bucket);
    if (bucket == null) {
      return noSuchBucket(upload.bucket);
    }
    if (upload.ifGenerationMatch != null) {
      Response failed = checkGenerationMatch(
          bucket.get(upload.name), upload.ifGenerationMatch.toString());
      if (failed != null) {
        return failed;
      }
    }
    uploads.remove(id);
    StoredObject stored = store(
        bucket, upload.bucket, upload.name, upload.received.toByteArray(), upload.contentType);
    return json(200, objectJson(stored));
  }

  private StoredObject store(
      NavigableMap<String, StoredObject> bucket, String bucketName, String name, byte[] content,
      String contentType) {
    StoredObject object =
        new StoredObject(bucketName, name, content, contentType, ++lastGeneration, now());
    bucket.put(name, object);
    return object;
  }

  private StoredObject find(String bucket, String name, Request r) {
    return find(bucket, name, r.query().get("generation"));
  }

  /** The live object or null: old generations are not kept, so asking for one finds nothing. */
  private StoredObject find(String bucket, String name, String generation) {
    NavigableMap<String, StoredObject> all = objects.get(bucket);
    StoredObject object = all == null ? null : all.get(name);
    if (object != null && generation != null && Long.parseLong(generation) != object.generation()) {
      return null;
    }
    return object;
  }

  /** Null when {@code ifGenerationMatch} holds; generation 0 means "must not exist". */
  private static Response checkGenerationMatch(StoredObject current, String ifGenerationMatch) {
    if (ifGenerationMatch == null) {
      return null;
    }
    long expected = Long.parseLong(ifGenerationMatch);
    long actual = current == null ? 0 : current.generation();
    return expected == actual ? null : preconditionFailed();
  }

  private Map<String, Object> objectJson(StoredObject o) {
    Map<String, Object> json = new LinkedHashMap<>();
    String path = "b/" + o.bucket() + "/o/" + encode(o.name());
    json.put("kind", "storage#object");
    json.put("id", o.bucket() + "/" + o.name() + "/" + o.generation());
    json.put("selfLink", baseUrl + "/storage/v1/" + path);
    json.put("mediaLink", baseUrl + "/download/storage/v1/" + path + "?generation="
        + o.generation() + "&alt=media");
    json.put("name", o.name());
    json.put("bucket", o.bucket());
    // uint64 and int64 fields travel as JSON strings in this API.
    json.put("generation", Long.toString(o.generation()));
    json.put("metageneration", "1");
    json.put("contentType", o.contentType());
    json.put("storageClass", "STANDARD");
    json.put("size", Integer.toString(o.content().length));
    json.put("md5Hash", md5(o.content()));
    json.put("crc32c", crc32c(o.content()));
    json.put("etag", "CAE=" + o.generation());
    json.put("timeCreated", o.updated().toString());
    json.put("updated", o.updated().toString());
    return json;
  }

  private Response notImplemented(Request r) {
    return notHandled(r, "not implemented by FakeGcsServer");
  }

  private Response notHandled(Request r, String why) {
    String query = r.query().isEmpty() ? "" : " " + r.query();
    String description = r.method() + " " + r.rawPath() + query;
    synchronized (this) {
      unhandled.add(description);
    }
    return error(400, "fakeGcsServerNotImplemented", why + ": " + description);
  }

  private static Response noSuchBucket(String bucket) {
    return error(404, "notFound", "The specified bucket does not exist: " + bucket);
  }

  private static Response noSuchObject(String bucket, String name) {
    return error(404, "notFound", "No such object: " + bucket + "/" + name);
  }

  private static Response preconditionFailed() {
    return error(412, "conditionNotMet",
        "At least one of the pre-conditions you specified did not hold.");
  }

  /** The JSON error document the client turns into {@code GoogleJsonResponseException}. */
  private static Response error(int status, String reason, String message) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("domain", "global");
    detail.put("reason", reason);
    detail.put("message", message);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", status);
    error.put("message", message);
    error.put("errors", List.of(detail));
    return json(status, Map.of("error", error));
  }

  private static Response json(int status, Map<String, Object> body) {
    Map<String, String> headers = GcsHttp.newHeaderMap();
    headers.put("Content-Type", "application/json; charset=UTF-8");
    try {
      return new Response(status, headers, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parseJson(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private NavigableMap<String, StoredObject> bucketObjects(String bucket) {
    NavigableMap<String, StoredObject> all = objects.get(bucket);
    if (all == null) {
      throw new IllegalArgumentException("No bucket " + bucket + "; create it first");
    }
    return all;
  }

  private StoredObject storedObject(String gcsUri) {
    String[] bucketAndName = splitGcsUri(gcsUri);
    StoredObject object = bucketObjects(bucketAndName[0]).get(bucketAndName[1]);
    if (object == null) {
      throw new IllegalArgumentException("No object " + gcsUri + "; there are " + objectUris());
    }
    return object;
  }

  private static String[] splitGcsUri(String gcsUri) {
    URI uri = URI.create(gcsUri);
    if (!"gs".equals(uri.getScheme()) || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("Not a gs://bucket/object URI: " + gcsUri);
    }
    return new String[] {uri.getAuthority(), uri.getPath().substring(1)};
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String md5(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** CRC32C the way GCS reports it: the four big-endian bytes, base64. */
  private static String crc32c(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content);
    byte[] bigEndian = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    return Base64.getEncoder().encodeToString(bigEndian);
  }
}

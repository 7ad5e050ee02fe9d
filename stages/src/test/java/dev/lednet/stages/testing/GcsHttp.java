package dev.lednet.stages.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The HTTP shapes {@link FakeGcsServer} works with: one request or response, whether it came on
 * its own connection or as a part of a JSON API batch ({@code multipart/mixed}), and the codec for
 * those batches as Google's API client writes and parses them.
 */
final class GcsHttp {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] BLANK_LINE = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private GcsHttp() {}

  /** A request with its path split into decoded segments, so object names may hold slashes. */
  record Request(
      String method, String rawPath, Map<String, String> query, Map<String, String> headers,
      byte[] body) {

    static Request of(String method, URI uri, Map<String, String> headers, byte[] body) {
      // The client tunnels verbs its transport lacks through this header.
      String override = headers.get("X-HTTP-Method-Override");
      return new Request(
          override == null ? method : override,
          uri.getRawPath(),
          parseQuery(uri.getRawQuery()),
          headers,
          body);
    }

    List<String> segments() {
      return Arrays.stream(rawPath.substring(1).split("/", -1))
          // '+' is literal in a path; URLDecoder would turn it into a space.
          .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
          .toList();
    }

    String header(String name) {
      return headers.get(name);
    }

    @Override
    public String toString() {
      return method + " " + rawPath;
    }
  }

  /** A response; an empty body goes out without one. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    static Response empty(int status) {
      return new Response(status, Map.of(), new byte[0]);
    }
  }

  static Map<String, String> newHeaderMap() {
    return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(query);
  }

  /**
   * Answers every request of a batch body with {@code handler} and returns the batch response,
   * parts in request order, which is how the client pairs them with its callbacks.
   */
  static Response answerBatch(Request batch, Function<Request, Response> handler) {
    String boundary = boundaryOf(batch.header("Content-Type"));
    List<Request> requests = new ArrayList<>();
    for (byte[] part : splitParts(batch.body(), boundary)) {
      int headersEnd = indexOf(part, BLANK_LINE, 0);
      requests.add(parseEmbeddedRequest(Arrays.copyOfRange(part, headersEnd + 4, part.length)));
    }
    String responseBoundary = "batch_fake_gcs_" + Long.toHexString(System.nanoTime());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int contentId = 1;
    for (Request request : requests) {
      Response response = handler.apply(request);
      writeAscii(out, "--" + responseBoundary + "\r\n");
      writeAscii(out, "Content-Type: application/http\r\n");
      writeAscii(out, "Content-ID: <response-" + contentId++ + ">\r\n\r\n");
      writeAscii(out, "HTTP/1.1 " + response.status() + " " + reason(response.status()) + "\r\n");
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        writeAscii(out, header.getKey() + ": " + header.getValue() + "\r\n");
      }
      writeAscii(out, "Content-Length: " + response.body().length + "\r\n\r\n");
      out.writeBytes(response.body());
      writeAscii(out, "\r\n");
    }
    writeAscii(out, "--" + responseBoundary + "--\r\n");
    Map<String, String> headers = newHeaderMap();
    headers.put("Content-Type", "multipart/mixed; boundary=" + responseBoundary);
    return new Response(200, headers, out.toByteArray());
  }

  private static String boundaryOf(String contentType) {
    if (contentType == null) {
      throw new IllegalArgumentException("batch request without Content-Type");
    }
    for (String parameter : contentType.split(";")) {
      String trimmed = parameter.trim();
      if (trimmed.startsWith("boundary=")) {
        return trimmed.substring("boundary=".length()).replace("\"", "");
      }
    }
    throw new IllegalArgumentException("batch Content-Type without boundary: " + contentType);
  }

  /** Returns each part's bytes between delimiter lines, without the CRLF that ends the part. */
  private static List<byte[]> splitParts(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<byte[]> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int partStart = at + delimiter.length;
      if (startsWith(body, partStart, "--".getBytes(StandardCharsets.ISO_8859_1))) {
        break;
      }
      partStart += CRLF.length;
      int next = indexOf(body, delimiter, partStart);
      if (next < 0) {
        throw new IllegalArgumentException("batch body without closing delimiter");
      }
      int partEnd = next;
      if (partEnd >= 2 && body[partEnd - 2] == '\r' && body[partEnd - 1] == '\n') {
        partEnd -= 2;
      }
      parts.add(Arrays.copyOfRange(body, partStart, partEnd));
      at = next;
    }
    return parts;
  }

  /** Parses {@code METHOD absolute-url HTTP/1.1}, headers and body, as the client writes them. */
  private static Request parseEmbeddedRequest(byte[] http) {
    int headersEnd = indexOf(http, BLANK_LINE, 0);
    int headBytes = headersEnd < 0 ? http.length : headersEnd;
    String[] lines = new String(http, 0, headBytes, StandardCharsets.UTF_8).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = newHeaderMap();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body =
        headersEnd < 0 ? new byte[0] : Arrays.copyOfRange(http, headersEnd + 4, http.length);
    return Request.of(requestLine[0], URI.create(requestLine[1]), headers, body);
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 308 -> "Resume Incomplete";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 412 -> "Precondition Failed";
      case 416 -> "Requested Range Not Satisfiable";
      default -> "Status " + status;
    };
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      if (startsWith(haystack, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (offset + prefix.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (bytes[offset + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  private static void writeAscii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}

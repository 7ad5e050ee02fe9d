package dev.lednet.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The header of a {@code .npy} array: magic, version (1, 2 or 3), and a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }}. {@link #format} writes byte
 * for byte what numpy 1.24 writes for a C-order array.
 *
 * @param dataOffset where the array data starts, from the start of the {@code .npy}
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, int dataOffset) {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  // numpy aligns the data to 64 bytes and leaves room for the first dimension to grow to 21 digits.
  private static final int ALIGN = 64;
  private static final int GROWTH_DIGITS = 21;

  static boolean hasMagic(byte[] bytes) {
    if (bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the header at the start of {@code npy}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static NpyHeader parse(byte[] npy) {
    if (!hasMagic(npy) || npy.length < 10) {
      throw new IllegalArgumentException("not a .npy array: no \\x93NUMPY magic and version");
    }
    int major = npy[6];
    ByteBuffer in = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    long length;
    int start;
    switch (major) {
      case 1 -> {
        length = in.getShort(8) & 0xffff;
        start = 10;
      }
      case 2, 3 -> {
        if (npy.length < 12) {
          throw new IllegalArgumentException("truncated .npy header");
        }
        length = in.getInt(8) & 0xffffffffL;
        start = 12;
      }
      default ->
          throw new IllegalArgumentException(
              ".npy format version " + major + "." + npy[7] + "; numpy writes 1.0, 2.0 and 3.0");
    }
    if (start + length > npy.length) {
      throw new IllegalArgumentException(
          String.format(
              "truncated .npy header: it says %d bytes, %d follow", length, npy.length - start));
    }
    // Version 3 exists only to allow UTF-8 field names.
    Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    String text = new String(npy, start, (int) length, charset);
    Object literal = PyLiteral.parse(text);
    if (!(literal instanceof Map<?, ?> dict)) {
      throw new IllegalArgumentException(".npy header is not a dict: " + text.strip());
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new IllegalArgumentException(
          String.format(
              "structured or missing dtype in .npy header %s; only plain arrays are read",
              text.strip()));
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortranOrder)) {
      throw new IllegalArgumentException("no fortran_order in .npy header " + text.strip());
    }
    if (!(dict.get("shape") instanceof List<?> dims)) {
      throw new IllegalArgumentException("no shape tuple in .npy header " + text.strip());
    }
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(dims.get(i) instanceof Long size) || size < 0) {
        throw new IllegalArgumentException("bad shape in .npy header " + text.strip());
      }
      shape[i] = size;
    }
    return new NpyHeader(descr, fortranOrder, shape, (int) (start + length));
  }

  /** The version 1.0 header numpy 1.24 writes for a C-order array of this type and shape. */
  static byte[] format(DType dtype, long[] shape) {
    String dims =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : LongStream.of(shape)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    StringBuilder dict =
        new StringBuilder("{'descr': '")
            .append(dtype.numpyDescr())
            .append("', 'fortran_order': False, 'shape': ")
            .append(dims)
            .append(", }");
    if (shape.length > 0) {
      dict.append(" ".repeat(GROWTH_DIGITS - Long.toString(shape[0]).length()));
    }
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = ALIGN - unpadded % ALIGN;
    dict.append(" ".repeat(padding)).append('\n');
    if (dict.length() > 0xffff) {
      throw new IllegalArgumentException("a shape of " + shape.length + " dimensions is too long");
    }
    ByteBuffer out =
        ByteBuffer.allocate(MAGIC.length + 4 + dict.length()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length());
    out.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
    return out.array();
  }

  /**
   * The Python literals a {@code .npy} header uses: dicts, tuples, lists, strings, ints, True,
   * False and None. Ints become Long, tuples and lists become List.
   */
  static final class PyLiteral {
    private final String text;
    private int position;

    private PyLiteral(String text) {
      this.text = text;
    }

    static Object parse(String text) {
      PyLiteral parser = new PyLiteral(text);
      Object value = parser.value();
      parser.skipSpace();
      if (parser.position != text.length()) {
        throw parser.error("unexpected text after the value");
      }
      return value;
    }

    private Object value() {
      skipSpace();
      if (position >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(position);
      return switch (c) {
        case '{' -> dict();
        case '(' -> sequence(')');
        case '[' -> sequence(']');
        case '\'', '"' -> string(c);
        default -> c == '-' || Character.isDigit(c) ? integer() : word();
      };
    }

    private Map<Object, Object> dict() {
      Map<Object, Object> dict = new LinkedHashMap<>();
      position++;
      while (!closes('}')) {
        Object key = value();
        expect(':');
        dict.put(key, value());
        if (!closes('}')) {
          expect(',');
        }
      }
      position++;
      return dict;
    }

    private List<Object> sequence(char close) {
      List<Object> items = new ArrayList<>();
      position++;
      while (!closes(close)) {
        items.add(value());
        if (!closes(close)) {
          expect(',');
        }
      }
      position++;
      return items;
    }

    private String string(char quote) {
      int end = text.indexOf(quote, position + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String value = text.substring(position + 1, end);
      if (value.indexOf('\\') >= 0) {
        throw error("escapes in strings are not supported");
      }
      position = end + 1;
      return value;
    }

    private Long integer() {
      int start = position;
      if (text.charAt(position) == '-') {
        position++;
      }
      while (position < text.length() && Character.isDigit(text.charAt(position))) {
        position++;
      }
      String digits = text.substring(start, position);
      // Python 2 numpy wrote long dimensions as 3L.
      if (position < text.length() && text.charAt(position) == 'L') {
        position++;
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw error("bad integer " + digits);
      }
    }

    private Object word() {
      for (String word : List.of("True", "False", "None")) {
        if (text.startsWith(word, position)) {
          position += word.length();
          return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
        }
      }
      throw error("unexpected character");
    }

    private boolean closes(char close) {
      skipSpace();
      if (position >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(position) == close;
    }

    private void expect(char c) {
      skipSpace();
      if (position >= text.length() || text.charAt(position) != c) {
        throw error("expected '" + c + "'");
      }
      position++;
    }

    private void skipSpace() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(
          "malformed .npy header (" + problem + " at " + position + "): " + text.strip());
    }
  }
}

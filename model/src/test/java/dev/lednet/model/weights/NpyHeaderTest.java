package dev.lednet.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyHeaderTest {

  /** A version 1.0 .npy with this header text and data, unpadded (numpy reads those too). */
  private static byte[] npy(String header, byte... data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(text.length & 0xff);
    out.write(text.length >> 8);
    out.writeBytes(text);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** Why {@link Npy#read} refuses the array with this header and data. */
  private static String refusal(String header, byte... data) {
    return assertThrows(IllegalArgumentException.class, () -> Npy.read(npy(header, data)))
        .getMessage();
  }

  @Test
  void shapesParseAsPythonWritesThem() {
    assertArrayEquals(
        new long[] {},
        NpyHeader.parse(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }\n")).shape());
    assertArrayEquals(
        new long[] {3},
        NpyHeader.parse(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }")).shape());
    // Python 2's numpy wrote long dimensions with an L; other writers use double quotes.
    NpyHeader old =
        NpyHeader.parse(npy("{\"descr\": \"|u1\", \"fortran_order\": True, \"shape\": (2L, 0L)}"));
    assertArrayEquals(new long[] {2, 0}, old.shape());
    assertEquals("|u1", old.descr());
    assertTrue(old.fortranOrder());
  }

  @Test
  void headersThatAreNotPlainArraysAreRefused() {
    assertEquals(
        "structured or missing dtype in .npy header {'descr': [('a', '<f4')], 'fortran_order':"
            + " False, 'shape': (2,), }; only plain arrays are read",
        refusal("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }"));
    assertEquals(
        "no shape tuple in .npy header {'descr': '<f4', 'fortran_order': False, }",
        refusal("{'descr': '<f4', 'fortran_order': False, }"));
    assertEquals(
        "malformed .npy header (unexpected end at 53): {'descr': '<f4', 'fortran_order': False,"
            + " 'shape': (2,",
        refusal("{'descr': '<f4', 'fortran_order': False, 'shape': (2,"));
    assertEquals(
        "not a .npy array: no \\x93NUMPY magic and version",
        assertThrows(IllegalArgumentException.class, () -> Npy.read(new byte[] {(byte) 0x93, 'N'}))
            .getMessage());
  }

  @Test
  void unreadableDtypesAreNamed() {
    assertEquals(
        "dtype '<c8' is not read; the readable ones are [float32, float64, float16, int64, int32,"
            + " int16, int8, uint8, bool]",
        refusal("{'descr': '<c8', 'fortran_order': False, 'shape': (), }", new byte[8]));
    assertTrue(
        refusal("{'descr': '<U3', 'fortran_order': False, 'shape': (), }", new byte[12])
            .startsWith("dtype '<U3' is not read"));
  }

  @Test
  void shortDataIsTruncation() {
    assertEquals(
        "truncated: float32[2] needs 8 bytes of data, 7 follow the header",
        refusal("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[7]));
  }

  @Test
  void writtenHeadersAlignDataTo64BytesAndReadBack() {
    for (long[] shape : new long[][] {{}, {3}, {3, 2, 3, 3}, {123456789, 0}, new long[30]}) {
      byte[] header = NpyHeader.format(DType.FLOAT16, shape);
      assertEquals(0, header.length % 64);
      assertEquals('\n', header[header.length - 1]);
      NpyHeader parsed = NpyHeader.parse(header);
      assertArrayEquals(shape, parsed.shape());
      assertEquals("<f2", parsed.descr());
      assertFalse(parsed.fortranOrder());
      assertEquals(header.length, parsed.dataOffset());
    }
  }
}

package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PngErrorsTest {

  private static final String SOURCE = "gs://bucket/gtFine/val/frankfurt/x_gtFine_labelIds.png";

  @Test
  void notAPngNamesTheSource() {
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    PngException e = assertThrows(PngException.class, () -> Png.decode(jpeg, SOURCE));

    assertEquals(SOURCE + ": not a PNG: no PNG signature in the first 8 bytes", e.getMessage());
  }

  @Test
  void emptyInputIsNotAPng() {
    PngException e = assertThrows(PngException.class, () -> Png.info(new byte[0], SOURCE));

    assertEquals(SOURCE + ": not a PNG: no PNG signature in the first 8 bytes", e.getMessage());
  }

  @Test
  void fileCutInsideIhdrIsTruncated() {
    byte[] cut = Arrays.copyOf(PngFixtures.bytes("rgb.png"), 20);

    PngException e = assertThrows(PngException.class, () -> Png.info(cut, SOURCE));

    assertEquals(SOURCE + ": truncated: 20 bytes end before the IHDR chunk does", e.getMessage());
  }

  @Test
  void fileCutInsidePixelDataNamesTheSource() {
    byte[] png = encodedLabels();
    byte[] cut = Arrays.copyOf(png, png.length / 2);

    PngException e = assertThrows(PngException.class, () -> Png.decode(cut, SOURCE));

    assertEquals(
        SOURCE + ": truncated: IDAT chunk at byte 33 needs " + (png.length - 33 - 12) + " bytes, "
            + (cut.length - 33) + " are left",
        e.getMessage());
  }

  @Test
  void fileWithoutIendIsAnError() {
    byte[] png = encodedLabels();
    byte[] cut = Arrays.copyOf(png, png.length - 12);

    PngException e = assertThrows(PngException.class, () -> Png.decode(cut, SOURCE));

    assertEquals(SOURCE + ": truncated: file ends at byte " + cut.length + " without an IEND chunk", e.getMessage());
  }

  @Test
  void badCrcInPixelDataIsAnError() {
    byte[] png = encodedLabels();
    png[idatData(png) + 5] ^= 0x01;

    PngException e = assertThrows(PngException.class, () -> Png.decode(png, SOURCE));

    assertEquals(SOURCE + ": corrupt PNG: bad CRC in IDAT chunk at byte 33", e.getMessage());
  }

  @Test
  void badCrcInHeaderIsAnError() {
    byte[] png = encodedLabels();
    png[17] ^= 0x01;

    PngException e = assertThrows(PngException.class, () -> Png.info(png, SOURCE));

    assertEquals(SOURCE + ": corrupt PNG: bad CRC in IHDR", e.getMessage());
  }

  @Test
  void corruptZlibStreamWithValidCrcIsAnError() {
    byte[] png = encodedLabels();
    int data = idatData(png);
    int length = readInt(png, data - 8);
    // A zlib header whose check bits are wrong, under a CRC that matches it.
    png[data] = 0x00;
    png[data + 1] = 0x00;
    CRC32 crc = new CRC32();
    crc.update(png, data - 4, length + 4);
    writeInt(png, data + length, (int) crc.getValue());

    PngException e = assertThrows(PngException.class, () -> Png.decode(png, SOURCE));

    assertEquals(SOURCE + ": corrupt PNG (64x48 8-bit GRAY): error decompressing zlib stream (unknown compression method)",
        e.getMessage());
  }

  @Test
  void unknownColourTypeIsNamed() {
    byte[] png = withIhdrByte(encodedLabels(), 25, 5);

    PngException e = assertThrows(PngException.class, () -> Png.decode(png, SOURCE));

    assertEquals(SOURCE + ": corrupt PNG: unknown colour type 5", e.getMessage());
  }

  @Test
  void bitDepthNotAllowedForColourTypeIsNamed() {
    byte[] png = withIhdrByte(PngFixtures.bytes("palette8.png"), 24, 16);

    PngException e = assertThrows(PngException.class, () -> Png.decode(png, SOURCE));

    assertEquals(SOURCE + ": corrupt PNG: bit depth 16 is not allowed for PALETTE", e.getMessage());
  }

  @Test
  void pngExceptionIsAnIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class, () -> Png.decode(new byte[8]));
  }

  private static byte[] encodedLabels() {
    return Png.encode(BenchmarkFrames.all(64, 48).get(0));
  }

  /** The offset of the first IDAT chunk's data. */
  private static int idatData(byte[] png) {
    int at = 8;
    while (!new String(png, at + 4, 4, StandardCharsets.ISO_8859_1).equals("IDAT")) {
      at += 12 + readInt(png, at);
    }
    return at + 8;
  }

  /** Changes one IHDR byte and fixes the CRC, so that only the changed field is wrong. */
  private static byte[] withIhdrByte(byte[] png, int offset, int value) {
    byte[] changed = png.clone();
    changed[offset] = (byte) value;
    CRC32 crc = new CRC32();
    crc.update(changed, 12, 17);
    writeInt(changed, 29, (int) crc.getValue());
    return changed;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  private static void writeInt(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }
}

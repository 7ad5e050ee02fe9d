package dev.lednet.stages.augment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive of regular files, as {@code tar}, Python's {@code tarfile} and
 * WebDataset read it: a 512-byte header per member, the bytes padded to 512, two zero blocks at
 * the end. Every header field that could vary is fixed (mode 0644, owner 0, time 0), so the
 * archive's bytes depend only on the names and contents.
 */
final class TarWriter {

  static final int BLOCK = 512;

  private final OutputStream out;
  private boolean finished;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Adds a regular file. Names are ASCII, at most 100 bytes (sample keys are far shorter). */
  void add(String name, byte[] bytes) throws IOException {
    if (finished) {
      throw new IllegalStateException("tar already finished");
    }
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length == 0 || nameBytes.length > 100 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
      throw new IllegalArgumentException("tar member name must be 1..100 ASCII characters: " + name);
    }
    byte[] header = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    octal(header, 100, 8, 0644);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, bytes.length);
    octal(header, 136, 12, 0);
    header[156] = '0';
    ascii(header, 257, "ustar\0");
    ascii(header, 263, "00");
    // The checksum is computed with its own field as spaces, then written as 6 digits, NUL, space.
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    header[155] = ' ';
    out.write(header);
    out.write(bytes);
    int padding = (BLOCK - bytes.length % BLOCK) % BLOCK;
    out.write(new byte[padding]);
  }

  /** Writes the end-of-archive blocks; the stream is not closed. */
  void finish() throws IOException {
    if (!finished) {
      out.write(new byte[2 * BLOCK]);
      out.flush();
      finished = true;
    }
  }

  /** {@code value} as zero-padded octal digits filling {@code length - 1} bytes, then NUL. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("value " + value + " does not fit a tar header field");
    }
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    ascii(header, offset, padded);
    header[offset + length - 1] = 0;
  }

  private static void ascii(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}

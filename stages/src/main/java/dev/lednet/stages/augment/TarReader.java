package dev.lednet.stages.augment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a ustar (or GNU / pax) tar archive in order, as a stream. Every
 * problem is an {@link IOException} naming the archive and the byte offset: a header whose
 * checksum is wrong, a member cut short, an archive that ends without its end-of-archive block.
 * Directories, links and pax headers are skipped; GNU long names are honoured.
 */
final class TarReader {

  /** One regular file of the archive. */
  record Member(String name, byte[] bytes) {}

  private static final int BLOCK = TarWriter.BLOCK;

  private final InputStream in;
  private final String source;
  private long offset;
  private boolean ended;

  TarReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** The next regular file, or null after the end-of-archive block. */
  Member next() throws IOException {
    String longName = null;
    while (!ended) {
      long headerOffset = offset;
      byte[] header = new byte[BLOCK];
      int got = in.readNBytes(header, 0, BLOCK);
      offset += got;
      if (got == 0) {
        throw new EOFException(
            source + ": truncated tar: it ends at byte " + headerOffset + " without the end-of-archive block");
      }
      if (got < BLOCK) {
        throw new EOFException(
            source + ": truncated tar: a header at byte " + headerOffset + " is cut short (" + got + " of 512 bytes)");
      }
      if (isZero(header)) {
        ended = true;
        return null;
      }
      checkChecksum(header, headerOffset);
      String name = string(header, 0, 100);
      if (string(header, 257, 6).startsWith("ustar")) {
        String prefix = string(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      long size = size(header, headerOffset);
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException(source + ": tar member " + name + " is too large (" + size + " bytes)");
      }
      byte[] bytes = in.readNBytes((int) size);
      offset += bytes.length;
      if (bytes.length < size) {
        throw new EOFException(
            source + ": truncated tar: member " + name + " at byte " + headerOffset + " needs " + size
                + " bytes, only " + bytes.length + " are left");
      }
      skipPadding(size, name);
      char type = (char) header[156];
      if (type == 'L') {
        longName = new String(bytes, StandardCharsets.UTF_8).replaceAll("\0+$", "");
        continue;
      }
      if (type == '0' || type == '\0' || type == '7') {
        return new Member(longName != null ? longName : name, bytes);
      }
      longName = null;
    }
    return null;
  }

  private void skipPadding(long size, String name) throws IOException {
    int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
    int skipped = in.readNBytes(new byte[padding], 0, padding);
    offset += skipped;
    if (skipped < padding) {
      throw new EOFException(source + ": truncated tar: the padding after member " + name + " is cut short");
    }
  }

  private void checkChecksum(byte[] header, long headerOffset) throws IOException {
    String field = string(header, 148, 8).trim();
    long stored;
    try {
      stored = Long.parseLong(field, 8);
    } catch (NumberFormatException e) {
      throw new IOException(source + ": corrupt tar: no valid header at byte " + headerOffset + " (checksum '" + field + "')");
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : header[i];
      unsigned += b & 0xff;
      signed += (i >= 148 && i < 156) ? ' ' : header[i];
    }
    if (stored != unsigned && stored != signed) {
      throw new IOException(
          source + ": corrupt tar: the header at byte " + headerOffset + " has checksum " + stored
              + " but its bytes sum to " + unsigned);
    }
  }

  private long size(byte[] header, long headerOffset) throws IOException {
    if ((header[124] & 0x80) != 0) {
      throw new IOException(source + ": tar member at byte " + headerOffset + " uses a binary size field");
    }
    String field = string(header, 124, 12).trim();
    try {
      return field.isEmpty() ? 0 : Long.parseLong(field, 8);
    } catch (NumberFormatException e) {
      throw new IOException(source + ": corrupt tar: bad size '" + field + "' in the header at byte " + headerOffset);
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** A NUL-terminated field. */
  private static String string(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}

package dev.lednet.stages.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The fast PNG decoder for the files pipelines read most: non-interlaced 8-bit gray, 16-bit gray,
 * RGB and RGBA. It inflates all image data at once, label maps with {@link ZlibInflater} (about 8x
 * faster than {@link Inflater} there) and photos with {@link Inflater}, and undoes the row filters
 * with a loop per filter, Up eight bytes at a time; 8-bit rows are unfiltered straight into the
 * raster, 16-bit rows into a row buffer that is then read as big-endian samples. The chunks'
 * structure and CRCs are checked by {@link Png} beforehand.
 */
final class FastPngReader {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BIG_ENDIAN_SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final long LOW_7_BITS = 0x7f7f7f7f7f7f7f7fL;
  private static final long HIGH_BITS = 0x8080808080808080L;
  /**
   * Image data that deflated at least this much (label maps: 150-300x) is mostly long matches,
   * which {@link ZlibInflater} copies about 8x faster than zlib; less compressible data (photos,
   * about 2x) is mostly literals, which zlib's C decodes faster (20 against 31 ms for a 2048x1024
   * photo).
   */
  private static final int MIN_RATIO_FOR_JAVA_INFLATER = 8;

  private FastPngReader() {}

  /** Whether this reader handles files like {@code info}; others go through PNGJ. */
  static boolean handles(PngInfo info) {
    if (info.interlaced()) {
      return false;
    }
    return switch (info.colorType()) {
      case GRAY -> info.bitDepth() == 8 || info.bitDepth() == 16;
      case RGB, RGBA -> info.bitDepth() == 8;
      case PALETTE, GRAY_ALPHA -> false;
    };
  }

  static Raster decode(byte[] png, PngInfo info, String source) {
    int width = info.width();
    int height = info.height();
    int bytesPerPixel = info.channels() * info.bitDepth() / 8;
    int rowBytes = width * bytesPerPixel;
    int stride = rowBytes + 1;
    byte[] raw = inflate(png, (long) stride * height, source, info);
    if (info.bitDepth() == 16) {
      short[] samples = new short[width * height];
      byte[] row = new byte[rowBytes];
      byte[] prior = new byte[rowBytes];
      for (int y = 0; y < height; y++) {
        unfilterRow(raw, y * stride, row, 0, prior, 0, y == 0, rowBytes, bytesPerPixel, y, source);
        int out = y * width;
        for (int x = 0; x < width; x++) {
          samples[out + x] = (short) BIG_ENDIAN_SHORTS.get(row, 2 * x);
        }
        byte[] swap = prior;
        prior = row;
        row = swap;
      }
      return Raster.gray16(width, height, samples);
    }
    byte[] samples = new byte[rowBytes * height];
    for (int y = 0; y < height; y++) {
      int out = y * rowBytes;
      unfilterRow(raw, y * stride, samples, out, samples, out - rowBytes, y == 0, rowBytes, bytesPerPixel, y, source);
    }
    return switch (info.colorType()) {
      case GRAY -> Raster.gray8(width, height, samples);
      case RGB -> Raster.rgb(width, height, samples);
      case RGBA -> Raster.rgba(width, height, samples);
      case PALETTE, GRAY_ALPHA -> throw new IllegalStateException("not handled: " + info);
    };
  }

  /** The concatenated IDAT data, inflated: each row's filter byte followed by its bytes. */
  private static byte[] inflate(byte[] png, long size, String source, PngInfo info) {
    if (size > Integer.MAX_VALUE - 8) {
      throw new PngException(source, "too large to decode: " + info);
    }
    byte[] raw = new byte[(int) size];
    int chunks = 0;
    int dataStart = 0;
    int dataLength = 0;
    for (int at = 8; at + 8 <= png.length; at += 12 + readInt(png, at)) {
      if (isIdat(png, at)) {
        chunks++;
        dataStart = at + 8;
        dataLength += readInt(png, at);
      }
    }
    byte[] data = png;
    if (chunks > 1) {
      // Several IDAT chunks are joined first (compressed data: small); one is inflated in place.
      data = new byte[dataLength];
      dataStart = 0;
      int joined = 0;
      for (int at = 8; at + 8 <= png.length; at += 12 + readInt(png, at)) {
        if (isIdat(png, at)) {
          System.arraycopy(png, at + 8, data, joined, readInt(png, at));
          joined += readInt(png, at);
        }
      }
    }
    int filled;
    try {
      filled =
          dataLength < raw.length / MIN_RATIO_FOR_JAVA_INFLATER
              ? ZlibInflater.inflate(data, dataStart, dataLength, raw)
              : zlibInflate(data, dataStart, dataLength, raw, source);
    } catch (DataFormatException e) {
      throw new PngException(
          source, "corrupt PNG (" + info + "): error decompressing zlib stream (" + e.getMessage() + ")", e);
    }
    if (filled < raw.length) {
      throw new PngException(
          source, "truncated image data: " + filled + " of " + raw.length + " bytes (" + info + ")");
    }
    return raw;
  }

  /** java.util.zip's inflater, for streams that deflated less than {@link #MIN_RATIO_FOR_JAVA_INFLATER}. */
  private static int zlibInflate(byte[] data, int start, int length, byte[] raw, String source)
      throws DataFormatException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, start, length);
      int filled = 0;
      while (filled < raw.length && !inflater.needsInput() && !inflater.finished()) {
        int n = inflater.inflate(raw, filled, raw.length - filled);
        if (n == 0 && inflater.needsDictionary()) {
          throw new DataFormatException("needs a preset dictionary");
        }
        filled += n;
      }
      return filled;
    } finally {
      inflater.end();
    }
  }

  /**
   * Undoes the filter of the row at {@code raw[rawRow]} (its filter byte) into {@code
   * out[outStart, outStart + rowBytes)}, the row above being {@code prior[priorStart, ...)} unless
   * {@code firstRow}. {@code prior} may be {@code out} itself, a row earlier.
   */
  private static void unfilterRow(
      byte[] raw, int rawRow, byte[] out, int outStart, byte[] prior, int priorStart, boolean firstRow,
      int rowBytes, int bpp, int y, String source) {
    int in = rawRow + 1;
    int filter = raw[rawRow];
    if (firstRow && (filter == 2 || filter == 4)) {
      // With no row above, Up is None and Paeth (a, 0, 0) is Sub.
      filter -= 2;
    }
    switch (filter) {
      case 0 -> System.arraycopy(raw, in, out, outStart, rowBytes);
      case 1 -> {
        System.arraycopy(raw, in, out, outStart, bpp);
        for (int i = bpp; i < rowBytes; i++) {
          out[outStart + i] = (byte) (raw[in + i] + out[outStart + i - bpp]);
        }
      }
      case 2 -> up(raw, in, out, outStart, prior, priorStart, rowBytes);
      case 3 -> {
        for (int i = 0; i < bpp; i++) {
          int above = firstRow ? 0 : prior[priorStart + i] & 0xff;
          out[outStart + i] = (byte) (raw[in + i] + (above >>> 1));
        }
        if (firstRow) {
          for (int i = bpp; i < rowBytes; i++) {
            out[outStart + i] = (byte) (raw[in + i] + ((out[outStart + i - bpp] & 0xff) >>> 1));
          }
        } else {
          for (int i = bpp; i < rowBytes; i++) {
            int left = out[outStart + i - bpp] & 0xff;
            int above = prior[priorStart + i] & 0xff;
            out[outStart + i] = (byte) (raw[in + i] + ((left + above) >>> 1));
          }
        }
      }
      case 4 -> {
        for (int i = 0; i < bpp; i++) {
          out[outStart + i] = (byte) (raw[in + i] + prior[priorStart + i]);
        }
        for (int i = bpp; i < rowBytes; i++) {
          int a = out[outStart + i - bpp] & 0xff;
          int b = prior[priorStart + i] & 0xff;
          int c = prior[priorStart + i - bpp] & 0xff;
          out[outStart + i] = (byte) (raw[in + i] + paeth(a, b, c));
        }
      }
      default -> throw new PngException(
          source, "corrupt PNG: unknown row filter " + (filter & 0xff) + " in row " + y);
    }
  }

  /** The Up filter: byte-wise sums of two rows, eight bytes at a time (carries kept in each byte). */
  private static void up(byte[] raw, int in, byte[] out, int outStart, byte[] prior, int priorStart, int rowBytes) {
    int i = 0;
    for (; i + 8 <= rowBytes; i += 8) {
      long a = (long) LONGS.get(raw, in + i);
      long b = (long) LONGS.get(prior, priorStart + i);
      LONGS.set(out, outStart + i, ((a & LOW_7_BITS) + (b & LOW_7_BITS)) ^ ((a ^ b) & HIGH_BITS));
    }
    for (; i < rowBytes; i++) {
      out[outStart + i] = (byte) (raw[in + i] + prior[priorStart + i]);
    }
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }

  private static boolean isIdat(byte[] png, int at) {
    return png[at + 4] == 'I' && png[at + 5] == 'D' && png[at + 6] == 'A' && png[at + 7] == 'T';
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }
}

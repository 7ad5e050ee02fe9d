package dev.lednet.stages.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG's rows one at a time, top to bottom, for stages that use pixels as they come: the
 * evaluation counts the rows of three images together and never holds a whole image. Values are
 * those of {@link Png#decode}, which reads through this class too.
 *
 * <p>Non-interlaced 8-bit gray, 16-bit gray, RGB and RGBA files (what pipelines read most) are
 * inflated a band of about 16 KiB of rows at a time into a window that keeps the last 32 KiB that
 * zlib matches may reach back to, so that inflated bytes are unfiltered and used while they are in
 * the CPU cache instead of going through memory as a whole image. Image data that deflated at least
 * {@value #MIN_RATIO_FOR_JAVA_INFLATER}x (label maps: 150-300x, runs of 258-byte matches) is
 * inflated by {@link ZlibInflater}, about 8x faster than zlib there; less compressible data
 * (photos, about 2x, mostly literals) by {@link Inflater}, whose C is faster on literals (20 against
 * 31 ms for a 2048x1024 photo). Row filters are undone with one loop per filter; Up, which label
 * maps use most, in place on the row above, skipping its zeros. Other files (palette, 1/2/4-bit gray, 16-bit colour, interlaced) are decoded whole by
 * {@link Png} and their rows served from the raster.
 *
 * <p>Every problem is a {@link PngException} naming the source: a bad file structure or CRC from
 * {@link #open}, corrupt or short image data from {@link #nextRow} once it reaches the band of rows
 * where the problem is. Not thread-safe. Close a reader that is abandoned before its last row, to
 * end its zlib stream at once.
 */
public final class PngRowReader implements AutoCloseable {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BIG_ENDIAN_SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final long LOW_7_BITS = 0x7f7f7f7f7f7f7f7fL;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final int MIN_RATIO_FOR_JAVA_INFLATER = 8;
  /** How far back a deflate match may reach. */
  private static final int HISTORY = 32 * 1024;
  private static final int BAND_BYTES = 16 * 1024;
  private static final int UP = 2;
  /** Bytes added after each nonzero Up-filtered byte found, before looking for zeros again. */
  private static final int CHANGED_STRETCH = 64;

  private final PngInfo info;
  private final String source;
  private final Raster.Format format;
  private final int rowBytes;
  private int y;

  // Whole-raster mode (files that are not streamed): the decoded raster.
  private final Raster raster;

  // Streaming mode.
  private final int bytesPerPixel;
  private final int stride;
  private final int bandRows;
  private final long total;
  private long inflated;
  private byte[] window;
  private int windowPos;
  private int windowEnd;
  private ZlibInflater javaInflater;
  private Inflater zlib;
  private byte[] current;
  private byte[] prior;
  private byte[] zeros;

  private PngRowReader(byte[] png, PngInfo info, String source) {
    this.info = info;
    this.source = source;
    this.format = info.decodedFormat().orElseThrow();
    this.bytesPerPixel = Math.max(1, info.channels() * info.bitDepth() / 8);
    this.rowBytes = info.width() * format.channels() * format.bitDepth() / 8;
    this.stride = rowBytes + 1;
    this.current = new byte[rowBytes];
    this.prior = new byte[rowBytes];
    if (!streams(info)) {
      this.raster = Png.decodeWhole(png, info, source);
      this.bandRows = 0;
      this.total = 0;
      return;
    }
    this.raster = null;
    this.total = (long) stride * info.height();
    this.bandRows = Math.max(1, Math.min(info.height(), BAND_BYTES / stride));
    this.window = new byte[(int) Math.min(total, HISTORY + 4L * bandRows * stride)];
    openImageData(png);
  }

  /**
   * Opens {@code png} for reading row by row, after checking its header, chunks and CRCs as {@link
   * Png#decode} does; {@code source} (a path) only goes into error messages.
   */
  public static PngRowReader open(byte[] png, String source) {
    return new PngRowReader(png, Png.checkedInfo(png, source), source);
  }

  /** For {@link Png#decode}: {@code info} checked already. */
  static PngRowReader open(byte[] png, PngInfo info, String source) {
    return new PngRowReader(png, info, source);
  }

  /** Whether files like {@code info} are streamed rather than decoded whole. */
  static boolean streams(PngInfo info) {
    if (info.interlaced()) {
      return false;
    }
    return switch (info.colorType()) {
      case GRAY -> info.bitDepth() == 8 || info.bitDepth() == 16;
      case RGB, RGBA -> info.bitDepth() == 8;
      case PALETTE, GRAY_ALPHA -> false;
    };
  }

  public PngInfo info() {
    return info;
  }

  /** The format of the rows: that of the raster {@link Png#decode} would give. */
  public Raster.Format format() {
    return format;
  }

  public int width() {
    return info.width();
  }

  public int height() {
    return info.height();
  }

  /**
   * The next row's samples, {@code width x channels} bytes, 16-bit samples as big-endian byte
   * pairs. The array is the reader's own and is overwritten by the next call: read it, never change
   * it.
   *
   * @throws PngException when the image data is corrupt or ends before this row
   * @throws IllegalStateException when every row has been read
   */
  public byte[] nextRow() {
    if (y >= info.height()) {
      throw new IllegalStateException("all " + info.height() + " rows of " + source + " were read");
    }
    if (raster != null) {
      copyRasterRow(y++);
      return current;
    }
    if (windowPos == windowEnd) {
      inflateBand();
    }
    byte[] row;
    if (y > 0 && window[windowPos] == UP) {
      // Undone in place on the row above, which this row replaces.
      addUpFiltered(window, windowPos + 1, prior, 0, rowBytes, zeros());
      row = prior;
    } else {
      unfilterRow(window, windowPos, current, 0, prior, 0, y == 0, rowBytes, bytesPerPixel, y, source);
      row = current;
      current = prior;
      prior = row;
    }
    windowPos += stride;
    if (++y == info.height()) {
      close();
    }
    return row;
  }

  private byte[] zeros() {
    if (zeros == null) {
      zeros = new byte[rowBytes];
    }
    return zeros;
  }

  /** Ends the zlib stream; the reader reads no more rows. Done by the last row too. */
  @Override
  public void close() {
    if (zlib != null) {
      zlib.end();
      zlib = null;
    }
    javaInflater = null;
    window = null;
  }

  /** Reads every row into a raster (for {@link Png#decode}). */
  Raster readAll() {
    if (raster != null) {
      return raster;
    }
    int width = info.width();
    int height = info.height();
    if (format == Raster.Format.GRAY16) {
      short[] samples = new short[width * height];
      for (int row = 0; row < height; row++) {
        byte[] bytes = nextRow();
        int out = row * width;
        for (int x = 0; x < width; x++) {
          samples[out + x] = (short) BIG_ENDIAN_SHORTS.get(bytes, 2 * x);
        }
      }
      return Raster.gray16(width, height, samples);
    }
    byte[] samples = new byte[rowBytes * height];
    for (int row = 0; row < height; row++) {
      System.arraycopy(nextRow(), 0, samples, row * rowBytes, rowBytes);
    }
    return switch (format) {
      case GRAY8 -> Raster.gray8(width, height, samples);
      case RGB8 -> Raster.rgb(width, height, samples);
      case RGBA8 -> Raster.rgba(width, height, samples);
      case GRAY16, INDEXED8 -> throw new IllegalStateException("not streamed: " + info);
    };
  }

  private void copyRasterRow(int row) {
    int samples = info.width() * format.channels();
    if (format == Raster.Format.GRAY16) {
      short[] shorts = raster.shorts();
      for (int x = 0; x < samples; x++) {
        BIG_ENDIAN_SHORTS.set(current, 2 * x, shorts[row * samples + x]);
      }
    } else {
      System.arraycopy(raster.bytes(), row * samples, current, 0, samples);
    }
  }

  /** Finds the IDAT data (joined if it spans several chunks) and starts inflating it. */
  private void openImageData(byte[] png) {
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
      // Compressed data: small to copy.
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
    if (dataLength < total / MIN_RATIO_FOR_JAVA_INFLATER) {
      javaInflater = new ZlibInflater(data, dataStart, dataLength);
    } else {
      zlib = new Inflater();
      zlib.setInput(data, dataStart, dataLength);
    }
  }

  /** Inflates the next band of rows to the end of the window, first sliding it if it is full. */
  private void inflateBand() {
    int rows = Math.min(bandRows, info.height() - y);
    int bytes = rows * stride;
    if (windowEnd + bytes > window.length) {
      System.arraycopy(window, windowEnd - HISTORY, window, 0, HISTORY);
      windowEnd = HISTORY;
      windowPos = HISTORY;
    }
    int end;
    try {
      end = javaInflater != null
          ? javaInflater.inflate(window, windowEnd, windowEnd + bytes)
          : zlibInflate(windowEnd, windowEnd + bytes);
    } catch (DataFormatException e) {
      close();
      throw new PngException(
          source, "corrupt PNG (" + info + "): error decompressing zlib stream (" + e.getMessage() + ")", e);
    }
    if (end < windowEnd + bytes) {
      close();
      throw new PngException(
          source,
          "truncated image data: " + (inflated + end - windowEnd) + " of " + total + " bytes (" + info + ")");
    }
    inflated += bytes;
    windowEnd = end;
  }

  private int zlibInflate(int from, int to) throws DataFormatException {
    int o = from;
    while (o < to && !zlib.needsInput() && !zlib.finished()) {
      int n = zlib.inflate(window, o, to - o);
      if (n == 0 && zlib.needsDictionary()) {
        throw new DataFormatException("needs a preset dictionary");
      }
      o += n;
    }
    return o;
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
      case 2 -> {
        System.arraycopy(prior, priorStart, out, outStart, rowBytes);
        addUpFiltered(raw, in, out, outStart, rowBytes, new byte[rowBytes]);
      }
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

  /**
   * Adds the Up-filtered bytes {@code raw[in, in + rowBytes)} to the row above, {@code
   * row[start, start + rowBytes)}, in place. Label maps change little from row to row: their
   * Up-filtered rows are 99.5% zeros (the bench's frames, in about two stretches a row), so the
   * zeros are skipped 32 bytes at a time ({@code Arrays.mismatch} is a vectorised intrinsic) and
   * what is left is added eight bytes at a time, carries kept within each byte.
   */
  private static void addUpFiltered(byte[] raw, int in, byte[] row, int start, int rowBytes, byte[] zeros) {
    int i = 0;
    while (i < rowBytes) {
      int skip = Arrays.mismatch(raw, in + i, in + rowBytes, zeros, 0, rowBytes - i);
      if (skip < 0) {
        return;
      }
      i += skip;
      int end = Math.min(rowBytes, i + CHANGED_STRETCH);
      for (; i + 8 <= end; i += 8) {
        long a = (long) LONGS.get(raw, in + i);
        long b = (long) LONGS.get(row, start + i);
        LONGS.set(row, start + i, ((a & LOW_7_BITS) + (b & LOW_7_BITS)) ^ ((a ^ b) & HIGH_BITS));
      }
      for (; i < end; i++) {
        row[start + i] += raw[in + i];
      }
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

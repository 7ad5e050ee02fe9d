package dev.lednet.stages.image;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.IImageLineSet;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngReaderByte;
import ar.com.hjg.pngj.PngWriter;
import ar.com.hjg.pngj.PngjException;
import ar.com.hjg.pngj.chunks.PngChunkPLTE;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The one PNG codec of the project, built on PNGJ, which decodes 2048x1024 frames 1.3 to 2.8 times
 * faster than ImageIO and encodes them as fast or faster and 30-70% smaller (numbers in {@code
 * docs/png-codec.md}). Decoding gives the values Pillow 9.4's {@code numpy.array(Image.open(f))}
 * gives: 16-bit gray stays 16-bit, palette files give their indices and palette, 1/2/4-bit gray is
 * scaled to 0..255 like Pillow's {@code L} mode (a 1-bit file gives 0/255, which numpy shows for
 * Pillow's {@code 1} mode as False/True), 16-bit RGB and RGBA keep each sample's high byte as Pillow
 * does, Adam7 interlacing is undone, and {@code tRNS}, gamma and colour chunks are ignored;
 * gray+alpha files are refused. Encoding writes the colour type and bit depth of the raster's format
 * and no ancillary chunk. One-channel rasters (ids, palette indices: flat regions) use zlib level 6
 * and the Up filter, which halves the file against level 3 for 6-15 ms more a frame; RGB and RGBA
 * (photos) use level 3 and PNGJ's fast adaptive filter, since level 6 costs 3.5 times the CPU there
 * for 3% less. Non-interlaced 8-bit gray, 16-bit gray, RGB and RGBA files, what pipelines read
 * most, are decoded by {@link PngRowReader} (with its own inflater for label maps, 2-2.5x faster
 * than PNGJ's reader there), the others by PNGJ. Every failure is a {@link PngException} naming the source. All
 * methods are thread-safe: each call owns its zlib streams and ends them.
 */
public final class Png {

  private static final String IN_MEMORY = "in-memory PNG";
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int IHDR_END = 33;
  // Java arrays cannot be quite Integer.MAX_VALUE long on every VM.
  private static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;

  private Png() {}

  public static Raster decode(byte[] png) {
    return decode(png, IN_MEMORY);
  }

  /** Decodes a whole PNG; {@code source} (a path) only goes into error messages. */
  public static Raster decode(byte[] png, String source) {
    return PngRowReader.open(png, checkedInfo(png, source), source).readAll();
  }

  /**
   * The header of a PNG that {@link #decode} can read, after checking the structure and CRC of
   * every chunk.
   */
  static PngInfo checkedInfo(byte[] png, String source) {
    PngInfo info = info(png, source);
    if (info.colorType() == PngInfo.ColorType.GRAY_ALPHA) {
      throw new PngException(
          source, "gray+alpha PNGs are not supported (" + info + "): Raster has no two-channel format");
    }
    if ((long) info.width() * info.height() * info.channels() > MAX_SAMPLES) {
      throw new PngException(source, "too large to decode: " + info);
    }
    checkChunks(png, source);
    return info;
  }

  /** Decodes with PNGJ the files {@link PngRowReader} does not stream; {@code info} checked. */
  static Raster decodeWhole(byte[] png, PngInfo info, String source) {
    try {
      return readPixels(png, info, source);
    } catch (PngjException e) {
      throw new PngException(source, "corrupt PNG (" + info + "): " + describe(e), e);
    }
  }

  public static PngInfo info(byte[] png) {
    return info(png, IN_MEMORY);
  }

  /**
   * Reads the IHDR chunk only (and checks its CRC); {@code source} only goes into error messages.
   */
  public static PngInfo info(byte[] png, String source) {
    if (png.length < SIGNATURE.length || !hasSignature(png)) {
      throw new PngException(source, "not a PNG: no PNG signature in the first 8 bytes");
    }
    if (png.length < IHDR_END) {
      throw new PngException(source, "truncated: " + png.length + " bytes end before the IHDR chunk does");
    }
    int length = readInt(png, 8);
    String type = new String(png, 12, 4, StandardCharsets.ISO_8859_1);
    if (!type.equals("IHDR") || length != 13) {
      throw new PngException(
          source, "corrupt PNG: first chunk is " + type + " of " + length + " bytes, not IHDR");
    }
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    if ((int) crc.getValue() != readInt(png, 29)) {
      throw new PngException(source, "corrupt PNG: bad CRC in IHDR");
    }
    int width = readInt(png, 16);
    int height = readInt(png, 20);
    int bitDepth = png[24] & 0xff;
    int colorCode = png[25] & 0xff;
    int interlace = png[28] & 0xff;
    if (width <= 0 || height <= 0) {
      throw new PngException(source, "corrupt PNG: size " + width + "x" + height);
    }
    PngInfo.ColorType colorType =
        PngInfo.ColorType.ofCode(colorCode)
            .orElseThrow(() -> new PngException(source, "corrupt PNG: unknown colour type " + colorCode));
    if (!validBitDepth(colorType, bitDepth)) {
      throw new PngException(
          source, "corrupt PNG: bit depth " + bitDepth + " is not allowed for " + colorType);
    }
    if (png[26] != 0 || png[27] != 0 || interlace > 1) {
      throw new PngException(source, "corrupt PNG: unknown compression, filter or interlace method "
          + png[26] + "/" + png[27] + "/" + interlace);
    }
    return new PngInfo(width, height, bitDepth, colorType, interlace == 1);
  }

  /** How to trade encoding time for file size. */
  public enum Compression {
    /** The smallest files for the time: zlib level 6 for one channel, level 3 for colour. */
    SMALL,
    /**
     * For data written in bulk. Label images (one channel, RGBA colour labels): every row
     * Up-filtered at zlib level 1, about 4x faster, files about twice as large. RGB photos: zlib
     * level 1 with the fast adaptive filter, about 2.5x faster, files about 5% larger.
     */
    FAST
  }

  /** Encodes with the colour type and bit depth of the raster's format (a palette PNG for INDEXED8). */
  public static byte[] encode(Raster raster, Compression compression) {
    if (compression == Compression.SMALL) {
      return encode(raster);
    }
    // Up filtering suits flat label maps; photos need a per-row filter choice to compress at all.
    return raster.format() == Raster.Format.RGB8
        ? encode(raster, 1, FilterType.FILTER_ADAPTIVE_FAST)
        : FastPngWriter.encode(raster);
  }

  /**
   * Encodes a one-channel or RGBA label image whose rows {@code rows} produces, with {@link
   * Compression#FAST}, never holding the whole raster: the same bytes as {@code encode(raster,
   * FAST)} of the raster those rows make up.
   */
  public static byte[] encodeRows(int width, int height, Raster.Format format, PngRows rows) {
    if (format == Raster.Format.INDEXED8 || format == Raster.Format.RGB8) {
      throw new IllegalArgumentException("encodeRows takes GRAY8, GRAY16 or RGBA8, not " + format);
    }
    return FastPngWriter.encode(width, height, format, null, rows);
  }

  /** {@link #encode(Raster, Compression)} with {@link Compression#SMALL}. */
  public static byte[] encode(Raster raster) {
    boolean ids = raster.channels() == 1;
    return encode(raster, ids ? 6 : 3, ids ? FilterType.FILTER_UP : FilterType.FILTER_ADAPTIVE_FAST);
  }

  /** {@link #encode(Raster)} with other settings, for the benchmark that chose them. */
  static byte[] encode(Raster raster, int zlibLevel, FilterType filter) {
    ImageInfo imageInfo = imageInfo(raster);
    int rowSamples = raster.width() * raster.channels();
    // Label maps shrink ~50x; a photo ~2x. Start small and let the stream grow.
    ByteArrayOutputStream out = new ByteArrayOutputStream(rowSamples * raster.height() / 8 + 1024);
    PngWriter writer = new PngWriter(out, imageInfo);
    try {
      writer.setCompLevel(zlibLevel);
      writer.setFilterType(filter);
      if (raster.format() == Raster.Format.INDEXED8) {
        writePalette(raster, writer.getMetadata().createPLTEChunk());
      }
      ImageLineByte line = new ImageLineByte(imageInfo);
      for (int y = 0; y < raster.height(); y++) {
        int start = y * rowSamples;
        if (raster.format() == Raster.Format.GRAY16) {
          short[] shorts = raster.shorts();
          byte[] high = line.getScanlineByte();
          byte[] low = line.getScanlineByte2();
          for (int x = 0; x < rowSamples; x++) {
            high[x] = (byte) (shorts[start + x] >> 8);
            low[x] = (byte) shorts[start + x];
          }
        } else {
          System.arraycopy(raster.bytes(), start, line.getScanlineByte(), 0, rowSamples);
        }
        writer.writeRow(line);
      }
      writer.end();
    } finally {
      writer.close();
    }
    return out.toByteArray();
  }

  private static Raster readPixels(byte[] png, PngInfo info, String source) {
    PngReaderByte reader = new PngReaderByte(new ByteArrayInputStream(png));
    try {
      reader.setCrcCheckDisabled(); // checkChunks did it, with a clearer message
      int width = info.width();
      int rowSamples = width * info.channels();
      boolean gray16 = info.colorType() == PngInfo.ColorType.GRAY && info.bitDepth() == 16;
      boolean packedGray = info.colorType() == PngInfo.ColorType.GRAY && info.bitDepth() < 8;
      int grayScale = packedGray ? 255 / ((1 << info.bitDepth()) - 1) : 1;
      byte[] bytes = gray16 ? null : new byte[rowSamples * info.height()];
      short[] shorts = gray16 ? new short[rowSamples * info.height()] : null;
      // PNGJ reads interlaced files only as a whole set of rows; plain files row by row.
      IImageLineSet<?> interlacedRows = info.interlaced() ? reader.readRows() : null;
      for (int y = 0; y < info.height(); y++) {
        ImageLineByte line =
            interlacedRows != null ? (ImageLineByte) interlacedRows.getImageLine(y) : reader.readRowByte();
        // For 16-bit samples this is the high byte: exactly what Pillow keeps of 16-bit RGB(A).
        byte[] high = line.getScanlineByte();
        int start = y * rowSamples;
        if (gray16) {
          byte[] low = line.getScanlineByte2();
          for (int x = 0; x < rowSamples; x++) {
            shorts[start + x] = (short) ((high[x] & 0xff) << 8 | (low[x] & 0xff));
          }
        } else if (grayScale != 1) {
          for (int x = 0; x < rowSamples; x++) {
            bytes[start + x] = (byte) (high[x] * grayScale);
          }
        } else {
          System.arraycopy(high, 0, bytes, start, rowSamples);
        }
      }
      // Reads on to IEND, so that a truncated or corrupt tail is an error too.
      reader.end();
      return switch (info.colorType()) {
        case GRAY -> gray16
            ? Raster.gray16(width, info.height(), shorts)
            : Raster.gray8(width, info.height(), bytes);
        case RGB -> Raster.rgb(width, info.height(), bytes);
        case RGBA -> Raster.rgba(width, info.height(), bytes);
        case PALETTE -> Raster.indexed(width, info.height(), bytes, readPalette(reader, source));
        case GRAY_ALPHA -> throw new IllegalStateException("refused before reading");
      };
    } finally {
      reader.close();
    }
  }

  /**
   * Walks the chunks to IEND checking lengths and CRCs, so that a cut or damaged file is reported
   * as such rather than as whatever zlib or PNGJ trips over first. CRC32 is a CPU intrinsic: this
   * costs about a millisecond on a 2 MB photo.
   */
  private static void checkChunks(byte[] png, String source) {
    CRC32 crc = new CRC32();
    int at = SIGNATURE.length;
    while (true) {
      if (png.length - at < 12) {
        throw new PngException(
            source, "truncated: file ends at byte " + png.length + " without an IEND chunk");
      }
      long length = readInt(png, at) & 0xffffffffL;
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      if (length > png.length - at - 12) {
        throw new PngException(
            source, "truncated: " + type + " chunk at byte " + at + " needs " + (length + 12) + " bytes, "
                + (png.length - at) + " are left");
      }
      crc.reset();
      crc.update(png, at + 4, (int) length + 4);
      if ((int) crc.getValue() != readInt(png, at + 8 + (int) length)) {
        throw new PngException(source, "corrupt PNG: bad CRC in " + type + " chunk at byte " + at);
      }
      if (type.equals("IEND")) {
        return;
      }
      at += 12 + (int) length;
    }
  }

  private static String describe(PngjException e) {
    String problem = String.valueOf(e.getMessage()).strip();
    Throwable cause = e.getCause();
    // zlib's own words ("invalid distance too far back") say more than PNGJ's wrapper.
    if (cause != null && cause.getMessage() != null && !problem.contains(cause.getMessage())) {
      problem += " (" + cause.getMessage() + ")";
    }
    return problem;
  }

  private static int[] readPalette(PngReaderByte reader, String source) {
    PngChunkPLTE plte = reader.getMetadata().getPLTE();
    if (plte == null || plte.getNentries() == 0) {
      throw new PngException(source, "corrupt PNG: palette colour type without a PLTE chunk");
    }
    int[] palette = new int[plte.getNentries()];
    for (int i = 0; i < palette.length; i++) {
      palette[i] = plte.getEntry(i) & 0xffffff;
    }
    return palette;
  }

  /** Refuses palette indices outside the palette: such a file is invalid and decoders disagree. */
  static void checkPaletteIndices(Raster raster) {
    int entries = raster.palette().length;
    int maxIndex = 0;
    for (byte index : raster.bytes()) {
      maxIndex = Math.max(maxIndex, index & 0xff);
    }
    if (maxIndex >= entries) {
      throw new IllegalArgumentException(
          "palette index " + maxIndex + " is outside the raster's palette of " + entries + " entries");
    }
  }

  private static void writePalette(Raster raster, PngChunkPLTE plte) {
    checkPaletteIndices(raster);
    int[] palette = raster.palette();
    plte.setNentries(palette.length);
    for (int i = 0; i < palette.length; i++) {
      plte.setEntry(i, palette[i] >> 16 & 0xff, palette[i] >> 8 & 0xff, palette[i] & 0xff);
    }
  }

  private static ImageInfo imageInfo(Raster raster) {
    int w = raster.width();
    int h = raster.height();
    return switch (raster.format()) {
      case GRAY8 -> new ImageInfo(w, h, 8, false, true, false);
      case GRAY16 -> new ImageInfo(w, h, 16, false, true, false);
      case RGB8 -> new ImageInfo(w, h, 8, false);
      case RGBA8 -> new ImageInfo(w, h, 8, true);
      case INDEXED8 -> new ImageInfo(w, h, 8, false, false, true);
    };
  }

  private static boolean validBitDepth(PngInfo.ColorType colorType, int bitDepth) {
    return switch (colorType) {
      case GRAY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
      case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case RGB, GRAY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
    };
  }

  private static boolean hasSignature(byte[] png) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (png[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24
        | (b[at + 1] & 0xff) << 16
        | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }
}

package dev.lednet.stages.image;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.IImageLineSet;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngReaderByte;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Times PNG decoding and encoding of Cityscapes-like frames ({@link BenchmarkFrames}) with the
 * JDK's ImageIO, PNGJ with its default settings, and {@link Png}, and sweeps zlib level and row
 * filter for {@link Png}'s encoder. The numbers that chose the codec are in {@code
 * docs/png-codec.md}. Run {@code main} with width, height, iterations and optionally
 * {@code --sweep}, or with width, height and {@code --write-frames DIR} to get the frames as files.
 */
public final class PngCodecBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PngCodecBenchmark() {}

  public static void main(String[] args) {
    List<String> flags = Arrays.asList(args);
    int[] numbers = flags.stream().filter(a -> a.matches("\\d+")).mapToInt(Integer::parseInt).toArray();
    int width = numbers.length > 0 ? numbers[0] : 2048;
    int height = numbers.length > 1 ? numbers[1] : 1024;
    int iterations = numbers.length > 2 ? numbers[2] : 10;
    if (flags.contains("--write-frames")) {
      // For timing other tools (Pillow) on the very same files.
      Path dir = Paths.get(flags.get(flags.indexOf("--write-frames") + 1));
      for (Raster frame : BenchmarkFrames.all(width, height)) {
        write(dir.resolve(name(frame).replace(' ', '-') + ".png"), Png.encode(frame));
      }
      return;
    }
    boolean sweep = flags.contains("--sweep");
    System.out.println(sweep ? sweepEncoder(width, height, iterations) : compareCodecs(width, height, iterations));
  }

  /** Median decode and encode time, throughput and encoded size per frame kind and codec. */
  public static String compareCodecs(int width, int height, int iterations) {
    StringBuilder report = new StringBuilder(header(width, height, iterations));
    report.append(String.format(Locale.ROOT, "%-24s %-14s %10s %9s %10s %9s %11s%n",
        "frame", "codec", "decode ms", "MB/s", "encode ms", "MB/s", "PNG bytes"));
    for (Raster frame : BenchmarkFrames.all(width, height)) {
      byte[] png = Png.encode(frame);
      checkSame(frame, Png.decode(png), "Png");
      checkSame(frame, decodeWithImageIo(png), "ImageIO");
      checkSame(frame, decodeWithImageIo(encodeWithImageIo(frame)), "ImageIO round trip");
      row(report, frame, "ImageIO", iterations, png, PngCodecBenchmark::decodeWithImageIo, PngCodecBenchmark::encodeWithImageIo);
      row(report, frame, "PNGJ defaults", iterations, png, PngCodecBenchmark::decodeRowsWithPngj,
          r -> Png.encode(r, 6, FilterType.FILTER_DEFAULT));
      row(report, frame, "Png", iterations, png, Png::decode, Png::encode);
    }
    return report.toString();
  }

  /** Median encode time and size of {@link Png}'s PNGJ writer for each zlib level and row filter. */
  public static String sweepEncoder(int width, int height, int iterations) {
    StringBuilder report = new StringBuilder(header(width, height, iterations));
    report.append(String.format(Locale.ROOT, "%-24s %5s %-22s %10s %11s%n", "frame", "level", "filter", "encode ms", "PNG bytes"));
    List<FilterType> filters = List.of(FilterType.FILTER_NONE, FilterType.FILTER_SUB, FilterType.FILTER_UP,
        FilterType.FILTER_AVERAGE, FilterType.FILTER_PAETH, FilterType.FILTER_ADAPTIVE_FAST,
        FilterType.FILTER_ADAPTIVE_FULL, FilterType.FILTER_DEFAULT);
    for (Raster frame : BenchmarkFrames.all(width, height)) {
      for (int level : new int[] {1, 3, 6, 9}) {
        for (FilterType filter : filters) {
          int size = Png.encode(frame, level, filter).length;
          double ms = medianMillis(iterations, () -> Png.encode(frame, level, filter).length);
          report.append(String.format(Locale.ROOT, "%-24s %5d %-22s %10.1f %11d%n", name(frame), level, filter, ms, size));
        }
      }
    }
    return report.toString();
  }

  private static void write(Path file, byte[] png) {
    try {
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(StringBuilder report, Raster frame, String codec, int iterations, byte[] png,
      Function<byte[], Raster> decoder, Function<Raster, byte[]> encoder) {
    double rawMegabytes = (double) frame.width() * frame.height() * frame.channels() * frame.bitDepth() / 8 / 1e6;
    double decodeMs = medianMillis(iterations, () -> decoder.apply(png).width());
    double encodeMs = medianMillis(iterations, () -> encoder.apply(frame).length);
    report.append(String.format(Locale.ROOT, "%-24s %-14s %10.1f %9.0f %10.1f %9.0f %11d%n",
        name(frame), codec, decodeMs, rawMegabytes / decodeMs * 1000, encodeMs, rawMegabytes / encodeMs * 1000,
        encoder.apply(frame).length));
  }

  private interface Work {
    int run();
  }

  /**
   * The median CPU time of the calling thread, in ms: on a machine shared with other jobs wall time
   * mostly measures the neighbours. zlib runs native in the calling thread, so it is counted.
   */
  private static double medianMillis(int iterations, Work work) {
    int sink = 0;
    for (int i = 0; i < Math.max(2, iterations / 3); i++) {
      sink += work.run();
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = THREADS.getCurrentThreadCpuTime();
      sink += work.run();
      millis[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }
    if (sink == 42) {
      // Keeps the JIT from dropping the work; never true for real frames.
      System.out.print("");
    }
    Arrays.sort(millis);
    return millis[iterations / 2];
  }

  private static String header(int width, int height, int iterations) {
    return String.format(Locale.ROOT, "PNG codecs, %dx%d, median thread CPU time of %d runs; %s %s, %d cores%n", width, height,
        iterations, System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
  }

  private static String name(Raster frame) {
    return switch (frame.format()) {
      case GRAY8 -> "labelIds GRAY8";
      case GRAY16 -> "instanceIds GRAY16";
      case RGB8 -> "photo RGB8";
      default -> frame.format().toString();
    };
  }

  private static void checkSame(Raster expected, Raster actual, String codec) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(codec + " changed the pixels of " + expected);
    }
  }

  /** PNGJ's row reading alone, without {@link Png}'s chunk check and copy into a raster. */
  private static Raster decodeRowsWithPngj(byte[] png) {
    PngReaderByte reader = new PngReaderByte(new ByteArrayInputStream(png));
    try {
      int first = 0;
      if (reader.isInterlaced()) {
        IImageLineSet<?> all = reader.readRows();
        first = ((ImageLineByte) all.getImageLine(0)).getScanline()[0];
      } else {
        for (int y = 0; y < reader.imgInfo.rows; y++) {
          first += reader.readRowByte().getScanline()[0];
        }
      }
      reader.end();
      // Something that depends on the rows, so that no reading can be skipped.
      return Raster.gray8(1, 1, new byte[] {(byte) first});
    } finally {
      reader.close();
    }
  }

  static Raster decodeWithImageIo(byte[] png) {
    ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
    // A memory-cached stream: ImageIO.read(InputStream) would cache in a temporary file.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
      reader.setInput(in, true, true);
      WritableRaster pixels = reader.read(0).getRaster();
      int width = pixels.getWidth();
      int height = pixels.getHeight();
      DataBuffer buffer = pixels.getDataBuffer();
      if (buffer instanceof DataBufferUShort shorts) {
        return Raster.gray16(width, height, shorts.getData());
      }
      byte[] bytes = inRgbOrder(((DataBufferByte) buffer).getData(),
          ((ComponentSampleModel) pixels.getSampleModel()).getBandOffsets());
      return switch (pixels.getNumBands()) {
        case 1 -> Raster.gray8(width, height, bytes);
        case 3 -> Raster.rgb(width, height, bytes);
        default -> Raster.rgba(width, height, bytes);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      reader.dispose();
    }
  }

  /** ImageIO gives RGB(A) PNGs as BGR(A) images; Raster wants them in file order. */
  private static byte[] inRgbOrder(byte[] bytes, int[] bandOffsets) {
    int channels = bandOffsets.length;
    if (Arrays.equals(bandOffsets, Arrays.copyOf(new int[] {0, 1, 2, 3}, channels))) {
      return bytes;
    }
    byte[] ordered = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i += channels) {
      for (int c = 0; c < channels; c++) {
        ordered[i + c] = bytes[i + bandOffsets[c]];
      }
    }
    return ordered;
  }

  static byte[] encodeWithImageIo(Raster raster) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(toBufferedImage(raster));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Wraps the raster's array without copying, as a caller of ImageIO would. */
  private static BufferedImage toBufferedImage(Raster raster) {
    int w = raster.width();
    int h = raster.height();
    int channels = raster.channels();
    int[] bands = Arrays.copyOf(new int[] {0, 1, 2, 3}, channels);
    DataBuffer buffer = raster.format() == Raster.Format.GRAY16
        ? new DataBufferUShort(raster.shorts(), raster.shorts().length)
        : new DataBufferByte(raster.bytes(), raster.bytes().length);
    WritableRaster pixels = java.awt.image.Raster.createInterleavedRaster(buffer, w, h, w * channels, channels, bands, null);
    ColorModel model = switch (raster.format()) {
      case GRAY8 -> new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
          Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
      case GRAY16 -> new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
          Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
      case RGB8 -> new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
          Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
      case RGBA8 -> new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
          Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
      case INDEXED8 -> indexColorModel(raster.palette());
    };
    return new BufferedImage(model, pixels, false, null);
  }

  private static IndexColorModel indexColorModel(int[] palette) {
    byte[] r = new byte[palette.length];
    byte[] g = new byte[palette.length];
    byte[] b = new byte[palette.length];
    for (int i = 0; i < palette.length; i++) {
      r[i] = (byte) (palette[i] >> 16);
      g[i] = (byte) (palette[i] >> 8);
      b[i] = (byte) palette[i];
    }
    return new IndexColorModel(8, palette.length, r, g, b);
  }
}

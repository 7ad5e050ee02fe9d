package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngReader;
import ar.com.hjg.pngj.PngWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rows against PNGJ's reader, on files PNGJ writes with every row filter, and against Png.decode. */
class PngRowReaderTest {

  private static final List<FilterType> FILTERS =
      List.of(
          FilterType.FILTER_NONE,
          FilterType.FILTER_SUB,
          FilterType.FILTER_UP,
          FilterType.FILTER_AVERAGE,
          FilterType.FILTER_PAETH,
          FilterType.FILTER_CYCLIC,
          FilterType.FILTER_ADAPTIVE_FULL);

  @Test
  void decodesEveryFilterBitDepthAndOddWidthAsPngjDoes() {
    SplittableRandom random = new SplittableRandom(7);
    int files = 0;
    for (Raster.Format format : List.of(Raster.Format.GRAY8, Raster.Format.GRAY16, Raster.Format.RGB8, Raster.Format.RGBA8)) {
      for (int width : new int[] {1, 2, 3, 7, 8, 9, 15, 17, 33, 257}) {
        for (int height : new int[] {1, 2, 5}) {
          for (FilterType filter : FILTERS) {
            boolean flat = random.nextBoolean();
            int[] samples = samples(format, width, height, flat, random);
            // Small IDAT chunks sometimes, so that the zlib stream is split across many.
            int idatSize = random.nextBoolean() ? 7 : 1 << 16;
            byte[] png = pngj(format, width, height, samples, filter, random.nextInt(10), idatSize);

            Raster decoded = Png.decode(png);

            String what = format + " " + width + "x" + height + " " + filter + (flat ? " flat" : " random");
            assertEquals(format, decoded.format(), what);
            assertArrayEquals(pngjSamples(png), samples(decoded), what);
            assertArrayEquals(samples, samples(decoded), what);
            files++;
          }
        }
      }
    }
    assertTrue(files > 800);
  }

  @Test
  void decodesFullSizeLabelMapsWithEveryFilterAsPngjDoes() {
    List<Raster> frames = BenchmarkFrames.all(2048, 1024);
    for (Raster frame : frames.subList(0, 2)) {
      int[] samples = samples(frame);
      for (FilterType filter : List.of(FilterType.FILTER_CYCLIC, FilterType.FILTER_ADAPTIVE_FAST)) {
        byte[] png = pngj(frame.format(), frame.width(), frame.height(), samples, filter, 6, 1 << 16);

        assertEquals(frame, Png.decode(png), frame + " " + filter);
      }
    }
  }

  @Test
  void rowsAreThoseOfTheDecodedRasterForEveryFixture() {
    for (String name :
        List.of(
            "gray1.png", "gray2.png", "gray4.png", "gray8.png", "gray16.png", "rgb.png", "rgba.png",
            "rgb16.png", "palette1.png", "palette8.png", "interlaced-rgb.png", "interlaced-gray16.png",
            "interlaced-palette2.png")) {
      byte[] png = PngFixtures.bytes(name);
      Raster raster = Png.decode(png, name);

      try (PngRowReader reader = PngRowReader.open(png, name)) {
        assertEquals(raster.format(), reader.format(), name);
        assertEquals(raster.width(), reader.width(), name);
        assertArrayEquals(samples(raster), samples(reader), name);
      }
    }
  }

  @Test
  void rowsSlideThroughTheWindowOfTallAndWideImages() {
    SplittableRandom random = new SplittableRandom(8);
    for (int[] size : new int[][] {{1, 70_000}, {3000, 40}, {2048, 1024}}) {
      for (Raster.Format format : List.of(Raster.Format.GRAY8, Raster.Format.GRAY16)) {
        int[] samples = samples(format, size[0], size[1], true, random);
        byte[] png = pngj(format, size[0], size[1], samples, FilterType.FILTER_CYCLIC, 6, 1 << 16);

        try (PngRowReader reader = PngRowReader.open(png, "tall")) {
          assertArrayEquals(samples, samples(reader), format + " " + size[0] + "x" + size[1]);
        }
      }
    }
  }

  @Test
  void readingPastTheLastRowIsAnError() {
    PngRowReader reader = PngRowReader.open(Png.encode(Raster.gray8(2, 1, new byte[2])), "x.png");
    reader.nextRow();

    IllegalStateException e = assertThrows(IllegalStateException.class, reader::nextRow);
    assertEquals("all 1 rows of x.png were read", e.getMessage());
  }

  @Test
  void imageDataThatEndsEarlyIsTruncated() {
    // Rows of a 64x48 image under the header of a 64x96 one. The reader inflates bands of rows,
    // here all 96 at once: the first row already fails.
    byte[] png = withIhdrHeight(Png.encode(BenchmarkFrames.all(64, 48).get(0)), 96);
    PngRowReader reader = PngRowReader.open(png, "short.png");

    PngException e = assertThrows(PngException.class, reader::nextRow);
    assertEquals(
        "short.png: truncated image data: 3120 of 6240 bytes (64x96 8-bit GRAY)", e.getMessage());
  }

  private static byte[] withIhdrHeight(byte[] png, int height) {
    byte[] changed = png.clone();
    changed[20] = (byte) (height >>> 24);
    changed[21] = (byte) (height >>> 16);
    changed[22] = (byte) (height >>> 8);
    changed[23] = (byte) height;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(changed, 12, 17);
    int value = (int) crc.getValue();
    changed[29] = (byte) (value >>> 24);
    changed[30] = (byte) (value >>> 16);
    changed[31] = (byte) (value >>> 8);
    changed[32] = (byte) value;
    return changed;
  }

  /** All rows of a reader as unsigned samples. */
  private static int[] samples(PngRowReader reader) {
    Raster.Format format = reader.format();
    int rowSamples = reader.width() * format.channels();
    int[] samples = new int[rowSamples * reader.height()];
    for (int y = 0; y < reader.height(); y++) {
      byte[] row = reader.nextRow();
      for (int i = 0; i < rowSamples; i++) {
        samples[y * rowSamples + i] =
            format == Raster.Format.GRAY16
                ? (row[2 * i] & 0xff) << 8 | (row[2 * i + 1] & 0xff)
                : row[i] & 0xff;
      }
    }
    return samples;
  }

  private static int[] samples(Raster.Format format, int width, int height, boolean flat, SplittableRandom random) {
    int[] samples = new int[width * height * format.channels()];
    int max = format.bitDepth() == 16 ? 65536 : 256;
    for (int i = 0; i < samples.length; i++) {
      // Flat: runs of one value, partly repeated from the row above, as in label maps.
      boolean repeat = flat && i > 0 && random.nextInt(8) != 0;
      int above = i - width * format.channels();
      samples[i] = repeat ? samples[above >= 0 && random.nextBoolean() ? above : i - 1] : random.nextInt(max);
    }
    return samples;
  }

  private static int[] samples(Raster raster) {
    int[] samples = new int[raster.width() * raster.height() * raster.channels()];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = raster.format() == Raster.Format.GRAY16 ? raster.shorts()[i] & 0xffff : raster.bytes()[i] & 0xff;
    }
    return samples;
  }

  private static byte[] pngj(
      Raster.Format format, int width, int height, int[] samples, FilterType filter, int level, int idatSize) {
    ImageInfo info =
        switch (format) {
          case GRAY8 -> new ImageInfo(width, height, 8, false, true, false);
          case GRAY16 -> new ImageInfo(width, height, 16, false, true, false);
          case RGB8 -> new ImageInfo(width, height, 8, false);
          case RGBA8 -> new ImageInfo(width, height, 8, true);
          case INDEXED8 -> throw new IllegalArgumentException("not here");
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PngWriter writer = new PngWriter(out, info);
    writer.setFilterType(filter);
    writer.setCompLevel(level);
    writer.setIdatMaxSize(idatSize);
    int rowSamples = width * format.channels();
    for (int y = 0; y < height; y++) {
      ImageLineInt line = new ImageLineInt(info);
      System.arraycopy(samples, y * rowSamples, line.getScanline(), 0, rowSamples);
      writer.writeRow(line);
    }
    writer.end();
    return out.toByteArray();
  }

  private static int[] pngjSamples(byte[] png) {
    PngReader reader = new PngReader(new ByteArrayInputStream(png));
    int rowSamples = reader.imgInfo.cols * reader.imgInfo.channels;
    int[] samples = new int[rowSamples * reader.imgInfo.rows];
    for (int y = 0; y < reader.imgInfo.rows; y++) {
      ImageLineInt line = (ImageLineInt) reader.readRow();
      System.arraycopy(line.getScanline(), 0, samples, y * rowSamples, rowSamples);
    }
    reader.end();
    return samples;
  }
}

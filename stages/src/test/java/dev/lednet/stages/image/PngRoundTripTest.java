package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PngRoundTripTest {

  @Test
  void eightBitGrayRoundTripsEveryValue() {
    byte[] pixels = new byte[16 * 16];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) i;
    }
    Raster decoded = Png.decode(Png.encode(Raster.gray8(16, 16, pixels)));

    assertEquals(Raster.Format.GRAY8, decoded.format());
    assertArrayEquals(pixels, decoded.bytes());
  }

  @Test
  void sixteenBitGrayRoundTripsEveryValue() {
    short[] pixels = new short[256 * 256];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (short) i;
    }
    Raster decoded = Png.decode(Png.encode(Raster.gray16(256, 256, pixels)));

    assertEquals(Raster.Format.GRAY16, decoded.format());
    assertArrayEquals(pixels, decoded.shorts());
    assertEquals(65535, decoded.sample(255, 255, 0));
  }

  @Test
  void rgbRoundTripsRandomPixels() {
    Raster raster = Raster.rgb(37, 23, randomBytes(37 * 23 * 3, 1));

    assertEquals(raster, Png.decode(Png.encode(raster)));
  }

  @Test
  void rgbaRoundTripsRandomPixels() {
    Raster raster = Raster.rgba(37, 23, randomBytes(37 * 23 * 4, 2));

    assertEquals(raster, Png.decode(Png.encode(raster)));
  }

  @Test
  void paletteRoundTripsEveryIndexAndAll256Entries() {
    byte[] indices = new byte[16 * 16];
    int[] palette = new int[256];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 256; i++) {
      indices[i] = (byte) (255 - i);
      palette[i] = random.nextInt(1 << 24);
    }
    Raster decoded = Png.decode(Png.encode(Raster.indexed(16, 16, indices, palette)));

    assertEquals(Raster.Format.INDEXED8, decoded.format());
    assertArrayEquals(indices, decoded.bytes());
    assertArrayEquals(palette, decoded.palette());
  }

  @Test
  void shortPaletteKeepsItsLength() {
    Raster raster = Raster.indexed(3, 1, new byte[] {0, 1, 1}, new int[] {0x000000, 0xff8000});

    assertArrayEquals(new int[] {0x000000, 0xff8000}, Png.decode(Png.encode(raster)).palette());
  }

  @Test
  void syntheticFullSizeFramesRoundTrip() {
    for (Raster frame : BenchmarkFrames.all(2048, 1024)) {
      assertEquals(frame, Png.decode(Png.encode(frame)), frame.toString());
    }
  }

  @Test
  void encodeWritesTheRastersColourTypeAndBitDepth() {
    assertEquals(
        new PngInfo(2, 1, 8, PngInfo.ColorType.GRAY, false), Png.info(Png.encode(Raster.gray8(2, 1, new byte[2]))));
    assertEquals(
        new PngInfo(2, 1, 16, PngInfo.ColorType.GRAY, false),
        Png.info(Png.encode(Raster.gray16(2, 1, new short[2]))));
    assertEquals(
        new PngInfo(2, 1, 8, PngInfo.ColorType.RGB, false), Png.info(Png.encode(Raster.rgb(2, 1, new byte[6]))));
    assertEquals(
        new PngInfo(2, 1, 8, PngInfo.ColorType.RGBA, false), Png.info(Png.encode(Raster.rgba(2, 1, new byte[8]))));
    assertEquals(
        new PngInfo(2, 1, 8, PngInfo.ColorType.PALETTE, false),
        Png.info(Png.encode(Raster.indexed(2, 1, new byte[2], new int[] {0x123456}))));
  }

  @Test
  void indexOutsideThePaletteIsNotWritten() {
    Raster raster = Raster.indexed(2, 1, new byte[] {0, 2}, new int[] {0, 0xffffff});

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Png.encode(raster));
    assertEquals("palette index 2 is outside the raster's palette of 2 entries", e.getMessage());
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}

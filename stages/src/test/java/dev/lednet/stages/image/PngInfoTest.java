package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PngInfoTest {

  @Test
  void readsTheHeaderOfEachKind() {
    assertEquals(new PngInfo(7, 5, 16, PngInfo.ColorType.GRAY, false), Png.info(PngFixtures.bytes("gray16.png")));
    assertEquals(new PngInfo(9, 3, 1, PngInfo.ColorType.PALETTE, false), Png.info(PngFixtures.bytes("palette1.png")));
    assertEquals(new PngInfo(13, 11, 8, PngInfo.ColorType.RGB, true), Png.info(PngFixtures.bytes("interlaced-rgb.png")));
    assertEquals(new PngInfo(3, 2, 8, PngInfo.ColorType.GRAY_ALPHA, false), Png.info(PngFixtures.bytes("gray-alpha.png")));
  }

  @Test
  void needsOnlyTheFirst33Bytes() {
    byte[] header = Arrays.copyOf(Png.encode(Raster.rgb(2048, 1024, new byte[2048 * 1024 * 3])), 33);

    PngInfo info = Png.info(header, "frame.png");

    assertEquals("2048x1024 8-bit RGB", info.toString());
    assertEquals(3, info.channels());
  }

  @Test
  void channelsAreThoseStoredInTheFile() {
    assertEquals(1, Png.info(PngFixtures.bytes("palette8.png")).channels());
    assertEquals(2, Png.info(PngFixtures.bytes("gray-alpha.png")).channels());
    assertEquals(4, Png.info(PngFixtures.bytes("rgba.png")).channels());
  }

  @Test
  void decodedFormatIsWhatDecodeReturns() {
    assertEquals(Optional.of(Raster.Format.GRAY8), Png.info(PngFixtures.bytes("gray4.png")).decodedFormat());
    assertEquals(Optional.of(Raster.Format.GRAY16), Png.info(PngFixtures.bytes("gray16.png")).decodedFormat());
    assertEquals(Optional.of(Raster.Format.RGB8), Png.info(PngFixtures.bytes("rgb16.png")).decodedFormat());
    assertEquals(Optional.of(Raster.Format.INDEXED8), Png.info(PngFixtures.bytes("palette2.png")).decodedFormat());
    assertEquals(Optional.empty(), Png.info(PngFixtures.bytes("gray-alpha.png")).decodedFormat());
  }
}

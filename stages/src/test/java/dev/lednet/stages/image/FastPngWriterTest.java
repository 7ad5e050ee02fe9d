package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastPngWriterTest {

  private static Raster roundTrip(Raster raster) {
    return Png.decode(Png.encode(raster, Png.Compression.FAST), "fast");
  }

  @Test
  void everyFormatRoundTripsExactly() {
    SplittableRandom random = new SplittableRandom(7);
    int w = 37;
    int h = 23;
    byte[] gray = new byte[w * h];
    byte[] rgb = new byte[w * h * 3];
    byte[] rgba = new byte[w * h * 4];
    short[] gray16 = new short[w * h];
    random.nextBytes(gray);
    random.nextBytes(rgb);
    random.nextBytes(rgba);
    for (int i = 0; i < gray16.length; i++) {
      gray16[i] = (short) random.nextInt(65536);
    }
    byte[] indices = new byte[w * h];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = (byte) random.nextInt(5);
    }
    for (Raster raster :
        new Raster[] {
          Raster.gray8(w, h, gray),
          Raster.gray16(w, h, gray16),
          Raster.rgb(w, h, rgb),
          Raster.rgba(w, h, rgba),
          Raster.indexed(w, h, indices, new int[] {0, 0xff0000, 0x00ff00, 0x0000ff, 0x123456}),
        }) {
      assertEquals(raster, roundTrip(raster), raster.toString());
    }
  }

  @Test
  void allSixteenBitValuesSurvive() {
    short[] values = new short[65536];
    for (int i = 0; i < values.length; i++) {
      values[i] = (short) i;
    }
    Raster raster = Raster.gray16(256, 256, values);
    assertEquals(raster, roundTrip(raster));
  }

  @Test
  void aLargeFlatLabelMapSpansSeveralDeflateBuffers() {
    byte[] labels = new byte[2048 * 1024];
    for (int y = 0; y < 1024; y++) {
      for (int x = 0; x < 2048; x++) {
        labels[y * 2048 + x] = (byte) (y < 400 ? 10 : x < 700 ? 1 : (x * 7 + y * 13) % 19);
      }
    }
    Raster raster = Raster.gray8(2048, 1024, labels);
    assertEquals(raster, roundTrip(raster));
    assertEquals(PngInfo.ColorType.GRAY, Png.info(Png.encode(raster, Png.Compression.FAST)).colorType());
  }

  @Test
  void paletteIndicesOutsideThePaletteAreRefused() {
    Raster raster = Raster.indexed(2, 1, new byte[] {0, 3}, new int[] {0, 1});
    assertThrows(IllegalArgumentException.class, () -> Png.encode(raster, Png.Compression.FAST));
  }
}

package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes files made with Pillow 9.4.0 and compares with what Pillow read from them. */
class PngPillowFilesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gray1.png", "gray2.png", "gray4.png", "gray8.png", "gray16.png",
        "rgb.png", "rgba.png", "rgb16.png",
        "palette1.png", "palette2.png", "palette4.png", "palette8.png",
        "interlaced-rgb.png", "interlaced-gray16.png", "interlaced-palette2.png"
      })
  void decodesEverySampleAsPillowDoes(String name) throws IOException {
    JsonNode expected = expected().get(name);

    Raster raster = Png.decode(PngFixtures.bytes(name), name);

    assertEquals(expected.get("width").asInt(), raster.width());
    assertEquals(expected.get("height").asInt(), raster.height());
    assertEquals(expected.get("channels").asInt(), raster.channels());
    assertArrayEquals(ints(expected.get("values")), samples(raster));
    if (expected.has("palette")) {
      assertArrayEquals(ints(expected.get("palette")), raster.palette());
    }
  }

  @Test
  void pillowModesMapToRasterFormats() {
    assertEquals(Raster.Format.GRAY8, Png.decode(PngFixtures.bytes("gray1.png")).format());
    assertEquals(Raster.Format.GRAY16, Png.decode(PngFixtures.bytes("gray16.png")).format());
    assertEquals(Raster.Format.RGB8, Png.decode(PngFixtures.bytes("rgb16.png")).format());
    assertEquals(Raster.Format.INDEXED8, Png.decode(PngFixtures.bytes("palette1.png")).format());
  }

  @Test
  void grayAlphaIsRefusedNamingTheFile() {
    PngException e =
        assertThrows(PngException.class, () -> Png.decode(PngFixtures.bytes("gray-alpha.png"), "a/gray-alpha.png"));

    assertEquals(
        "a/gray-alpha.png: gray+alpha PNGs are not supported (3x2 8-bit GRAY_ALPHA): Raster has no two-channel format",
        e.getMessage());
  }

  private static int[] samples(Raster raster) {
    int[] samples = new int[raster.width() * raster.height() * raster.channels()];
    for (int i = 0; i < samples.length; i++) {
      samples[i] =
          raster.format() == Raster.Format.GRAY16 ? raster.shorts()[i] & 0xffff : raster.bytes()[i] & 0xff;
    }
    return samples;
  }

  private static int[] ints(JsonNode array) {
    int[] ints = new int[array.size()];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = array.get(i).asInt();
    }
    return ints;
  }

  private static JsonNode expected() throws IOException {
    try (InputStream in = PngPillowFilesTest.class.getResourceAsStream("pillow-expected.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}

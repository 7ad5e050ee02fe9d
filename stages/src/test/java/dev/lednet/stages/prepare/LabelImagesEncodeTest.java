package dev.lednet.stages.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lednet.stages.image.Png;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LabelImagesEncodeTest {

  private static LabelImages render(String resource) throws IOException {
    try (InputStream in = LabelImagesEncodeTest.class.getResourceAsStream(resource)) {
      return new LabelImageRenderer().render(CityscapesAnnotation.parse(in.readAllBytes()));
    }
  }

  @Test
  void streamedEncodingGivesTheBytesOfEncodingTheRaster() throws IOException {
    for (String resource :
        new String[] {
          "aachen_000000_000001_gtFine_polygons.json", "bochum_000000_000002_gtCoarse_polygons.json"
        }) {
      LabelImages images = render(resource);
      for (LabelOutput output : LabelOutput.values()) {
        for (Png.Compression compression : Png.Compression.values()) {
          assertArrayEquals(
              Png.encode(images.raster(output), compression),
              images.encode(output, compression),
              resource + " " + output + " " + compression);
        }
      }
    }
  }
}

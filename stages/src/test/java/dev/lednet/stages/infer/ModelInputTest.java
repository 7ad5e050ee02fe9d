package dev.lednet.stages.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.model.ModelDescription;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import org.junit.jupiter.api.Test;

class ModelInputTest {

  @Test
  void lednetInputIsTheResizedEightBitImageOverTwoHundredFiftyFiveInChwOrder() {
    byte[] rgb = new byte[4 * 2 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 11);
    }
    Raster resized = Resize.bilinear(Raster.rgb(4, 2, rgb), 3, 1);

    float[] chw = ModelInput.of(ModelDescription.lednetReference("input", "test")).toChw(resized);

    assertEquals(9, chw.length);
    for (int c = 0; c < 3; c++) {
      for (int x = 0; x < 3; x++) {
        assertEquals(resized.sample(x, 0, c) / 255f, chw[c * 3 + x]);
      }
    }
  }
}

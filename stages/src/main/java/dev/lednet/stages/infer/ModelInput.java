package dev.lednet.stages.infer;

import dev.lednet.model.ModelDescription;
import dev.lednet.stages.image.Raster;

/**
 * Turns decoded pixels into network input: planar float RGB (CHW), each value {@code (v * scale -
 * mean[c]) / std[c]} as the model's description says (LEDNet: {@code v / 255}, like
 * torchvision's {@code ToTensor}). Gray and RGBA images are taken as RGB the way Pillow's {@code
 * convert('RGB')} does: gray repeated, alpha dropped.
 */
public final class ModelInput {

  /** Per channel, the input value of each 8-bit level, computed as PyTorch would in float32. */
  private final float[][] levels = new float[3][256];

  private ModelInput(ModelDescription d) {
    float divisor = (float) (1.0 / d.scale());
    for (int c = 0; c < 3; c++) {
      float mean = d.mean().get(c).floatValue();
      float std = d.std().get(c).floatValue();
      for (int v = 0; v < 256; v++) {
        levels[c][v] = (v / divisor - mean) / std;
      }
    }
  }

  public static ModelInput of(ModelDescription description) {
    return new ModelInput(description);
  }

  /** Writes the image into {@code out} at {@code offset}, CHW; returns the values written. */
  public int write(Raster image, float[] out, int at) {
    int plane = image.width() * image.height();
    byte[] px = image.bytes();
    int channels =
        switch (image.format()) {
          case RGB8 -> 3;
          case RGBA8 -> 4;
          case GRAY8 -> 1;
          default ->
              throw new IllegalArgumentException(
                  "network input must be 8-bit RGB, RGBA or gray, not " + image.format());
        };
    for (int c = 0; c < 3; c++) {
      int source = channels == 1 ? 0 : c;
      float[] lut = levels[c];
      int base = at + c * plane;
      for (int i = 0, j = source; i < plane; i++, j += channels) {
        out[base + i] = lut[px[j] & 0xff];
      }
    }
    return 3 * plane;
  }

  /** One image as a fresh CHW array. */
  public float[] toChw(Raster image) {
    float[] out = new float[3 * image.width() * image.height()];
    write(image, out, 0);
    return out;
  }
}

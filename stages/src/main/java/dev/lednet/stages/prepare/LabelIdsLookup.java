package dev.lednet.stages.prepare;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * labelTrainIds and colour images from a labelIds image by table lookup. For images drawn from
 * polygons this gives exactly what {@code json2labelImg.py -t} and its colour encoding draw, since
 * they draw the same polygons with the looked-up values.
 */
public final class LabelIdsLookup {

  private static final VarHandle RGBA =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private LabelIdsLookup() {}

  /**
   * The output computed from {@code labelIds}, an 8-bit gray raster of Cityscapes labelIds.
   *
   * @throws IllegalArgumentException if the raster is not 8-bit gray, holds a value that is no
   *     labelId, or {@code output} cannot be computed from labelIds
   */
  public static Raster apply(Raster labelIds, LabelOutput output) {
    requireLabelIds(labelIds);
    return switch (output) {
      case LABEL_TRAIN_IDS -> trainIds(labelIds);
      case COLOR -> colors(labelIds);
      case LABEL_IDS, INSTANCE_IDS, INSTANCE_TRAIN_IDS -> throw new IllegalArgumentException(
          output.suffix() + " cannot be made from a labelIds image");
    };
  }

  /** Whether {@code output} can be computed from a labelIds image. */
  public static boolean supports(LabelOutput output) {
    return output == LabelOutput.LABEL_TRAIN_IDS || output == LabelOutput.COLOR;
  }

  private static void requireLabelIds(Raster raster) {
    if (raster.format() != Raster.Format.GRAY8) {
      throw new IllegalArgumentException("a labelIds image is 8-bit gray, this one is " + raster);
    }
    byte[] pixels = raster.bytes();
    int firstBad = -1;
    int bad = 0;
    for (int i = 0; i < pixels.length; i++) {
      if ((pixels[i] & 0xff) >= CityscapesLabels.NUM_LABEL_IDS) {
        firstBad = firstBad < 0 ? i : firstBad;
        bad++;
      }
    }
    if (bad > 0) {
      throw new IllegalArgumentException(
          String.format(
              "value %d at (%d, %d) is not a Cityscapes labelId (0..%d), nor are %d other pixels:"
                  + " not a labelIds image?",
              pixels[firstBad] & 0xff,
              firstBad % raster.width(),
              firstBad / raster.width(),
              CityscapesLabels.NUM_LABEL_IDS - 1,
              bad - 1));
    }
  }

  private static Raster trainIds(Raster labelIds) {
    byte[] table = CityscapesLabels.idToTrainIdTable();
    byte[] ids = labelIds.bytes();
    byte[] pixels = new byte[ids.length];
    for (int i = 0; i < ids.length; i++) {
      pixels[i] = table[ids[i] & 0xff];
    }
    return Raster.gray8(labelIds.width(), labelIds.height(), pixels);
  }

  private static Raster colors(Raster labelIds) {
    int[] rgb = CityscapesLabels.idToColorTable();
    int[] rgba = new int[rgb.length];
    for (int v = 0; v < rgb.length; v++) {
      rgba[v] = (rgb[v] << 8) | 0xff;
    }
    byte[] ids = labelIds.bytes();
    byte[] pixels = new byte[ids.length * 4];
    for (int i = 0; i < ids.length; i++) {
      RGBA.set(pixels, 4 * i, rgba[ids[i] & 0xff]);
    }
    return Raster.rgba(labelIds.width(), labelIds.height(), pixels);
  }
}

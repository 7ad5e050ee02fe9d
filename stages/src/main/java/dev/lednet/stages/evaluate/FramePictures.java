package dev.lednet.stages.evaluate;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;

/**
 * Small pictures of one scored frame for the report: the ground truth and the prediction in the
 * Cityscapes colours, and an error map (red where the prediction is wrong, black where it is
 * right, dark gray where the ground truth is ignored). Scaled down by nearest neighbour, so every
 * pixel shown is a real label.
 *
 * @param truth the ground-truth colours, PNG
 * @param prediction the prediction colours, PNG
 * @param errors the error map, PNG
 */
public record FramePictures(byte[] truth, byte[] prediction, byte[] errors) {

  private static final int CORRECT = 0x000000;
  private static final int WRONG = 0xff3030;
  private static final int IGNORED = 0x303030;

  /** Draws the pictures {@code width} pixels wide (never wider than the frame). */
  public static FramePictures draw(Raster truth, Raster prediction, IdSpace ids, int width) {
    if (truth.width() != prediction.width() || truth.height() != prediction.height()) {
      throw new IllegalArgumentException(
          "ground truth " + truth.width() + "x" + truth.height()
              + " and prediction " + prediction.width() + "x" + prediction.height() + " differ in size");
    }
    int w = Math.min(width, truth.width());
    int h = Math.max(1, (int) ((long) truth.height() * w / truth.width()));
    byte[] gt = sample(truth, w, h);
    byte[] pred = sample(prediction, w, h);
    int[] colours = ids == IdSpace.LABEL_IDS
        ? CityscapesLabels.idToColorTable()
        : CityscapesLabels.trainIdToColorTable();
    boolean[] ignored = ignoredValues(ids);
    int[] truthRgb = new int[w * h];
    int[] predictionRgb = new int[w * h];
    int[] errorRgb = new int[w * h];
    for (int i = 0; i < w * h; i++) {
      int t = gt[i] & 0xff;
      int p = pred[i] & 0xff;
      truthRgb[i] = colours[t];
      predictionRgb[i] = colours[p];
      errorRgb[i] = ignored[t] ? IGNORED : t == p ? CORRECT : WRONG;
    }
    return new FramePictures(png(truthRgb, w, h), png(predictionRgb, w, h), png(errorRgb, w, h));
  }

  /** Ground-truth values that no score counts. */
  private static boolean[] ignoredValues(IdSpace ids) {
    boolean[] ignored = new boolean[256];
    java.util.Arrays.fill(ignored, true);
    for (Label label : CityscapesLabels.all()) {
      if (label.ignoreInEval()) {
        continue;
      }
      if (ids == IdSpace.LABEL_IDS) {
        ignored[label.id()] = false;
      } else {
        ignored[label.trainId()] = false;
      }
    }
    return ignored;
  }

  /** The 8-bit samples at the centres of a {@code w x h} grid over the raster. */
  private static byte[] sample(Raster raster, int w, int h) {
    byte[] source = raster.bytes();
    byte[] sampled = new byte[w * h];
    for (int y = 0; y < h; y++) {
      int sy = (int) ((2L * y + 1) * raster.height() / (2L * h));
      for (int x = 0; x < w; x++) {
        int sx = (int) ((2L * x + 1) * raster.width() / (2L * w));
        sampled[y * w + x] = source[sy * raster.width() + sx];
      }
    }
    return sampled;
  }

  private static byte[] png(int[] rgb, int w, int h) {
    byte[] bytes = new byte[rgb.length * 3];
    for (int i = 0; i < rgb.length; i++) {
      bytes[3 * i] = (byte) (rgb[i] >> 16);
      bytes[3 * i + 1] = (byte) (rgb[i] >> 8);
      bytes[3 * i + 2] = (byte) rgb[i];
    }
    return Png.encode(Raster.rgb(w, h, bytes));
  }
}

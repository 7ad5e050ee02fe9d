package dev.lednet.stages.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lednet.schemas.CityscapesLabels;
import java.nio.FloatBuffer;

/**
 * The arg-max over classes of one frame's {@code C x H x W} scores as trainIds, read in place from
 * the tensor's memory. libtorch's {@code argmax(0)} walks the class axis with a stride of H*W: on
 * one thread it took about 180 ms for 20 x 512 x 1024 scores (PyTorch 1.13 on the development
 * machine), as long as a third of the forward pass; comparing whole class planes in turn reads the
 * memory once, in order.
 */
final class ScoreArgMax {

  /** The reference's extra class 19 and anything beyond the 19 train classes are void. */
  private static final byte VOID = (byte) CityscapesLabels.IGNORE_TRAIN_ID;

  private ScoreArgMax() {}

  /**
   * As {@code torch.argmax(scores, 0)}: the first of equal maxima wins and NaN counts as the
   * largest; classes 19 and up become void (255).
   */
  static byte[] trainIds(NDArray scores) {
    Shape s = scores.getShape();
    if (s.dimension() != 3) {
      throw new IllegalArgumentException("expected C x H x W scores, got " + s);
    }
    int classes = (int) s.get(0);
    int pixels = Math.toIntExact(s.get(1) * s.get(2));
    NDArray floats = scores.getDataType() == DataType.FLOAT32 ? scores : scores.toType(DataType.FLOAT32, false);
    FloatBuffer values = floats.toByteBuffer(true).asFloatBuffer();
    float[] best = new float[pixels];
    values.get(0, best);
    byte[] ids = new byte[pixels];
    float[] row = new float[pixels];
    for (int c = 1; c < classes; c++) {
      values.get(c * pixels, row);
      byte id = (byte) c;
      for (int i = 0; i < pixels; i++) {
        float v = row[i];
        float b = best[i];
        if (v > b || (v != v && b == b)) {
          best[i] = v;
          ids[i] = id;
        }
      }
    }
    if (classes > CityscapesLabels.NUM_TRAIN_CLASSES) {
      for (int i = 0; i < pixels; i++) {
        if ((ids[i] & 0xff) >= CityscapesLabels.NUM_TRAIN_CLASSES) {
          ids[i] = VOID;
        }
      }
    }
    return ids;
  }
}

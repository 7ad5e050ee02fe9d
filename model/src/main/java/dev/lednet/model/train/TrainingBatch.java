package dev.lednet.model.train;

/**
 * Images and labels of one step, as plain arrays so that data loading needs no engine: {@code
 * pixels} holds {@code size} NCHW float images of 3 x height x width, {@code labels} the network
 * class index of each label pixel (void already mapped to the last class), {@code size} maps of
 * labelHeight x labelWidth.
 */
public record TrainingBatch(
    int size, int height, int width, float[] pixels, int labelHeight, int labelWidth, long[] labels) {

  public TrainingBatch {
    if ((long) size * 3 * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "pixels hold " + pixels.length + " values, not " + size + "x3x" + height + "x" + width);
    }
    if ((long) size * labelHeight * labelWidth != labels.length) {
      throw new IllegalArgumentException(
          "labels hold " + labels.length + " values, not " + size + "x" + labelHeight + "x" + labelWidth);
    }
  }
}

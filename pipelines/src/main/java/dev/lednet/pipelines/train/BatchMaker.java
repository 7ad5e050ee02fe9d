package dev.lednet.pipelines.train;

import dev.lednet.model.ModelDescription;
import dev.lednet.model.train.TrainingBatch;
import dev.lednet.model.train.TrainingPhase;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import dev.lednet.stages.infer.ModelInput;
import java.util.List;

/**
 * Turns transformed samples into a {@link TrainingBatch}: pixels as the model description says
 * (v / 255 for LEDNet), labels as network classes with void (255) relabelled to the last class as
 * the reference does, and for the encoder phase labels resized to 1/8 with Pillow's nearest.
 */
final class BatchMaker {

  private final ModelInput input;
  private final int voidClass;

  BatchMaker(ModelDescription description) {
    this.input = ModelInput.of(description);
    this.voidClass = description.classes() - 1;
  }

  TrainingBatch make(List<TrainingSample> samples, TrainingPhase phase) {
    TrainingSample first = samples.get(0);
    int w = first.image().width();
    int h = first.image().height();
    int divisor = phase.labelDivisor();
    if (h % 32 != 0 || w % 32 != 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s: training images must be multiples of 32 on both sides, this one is %dx%d;"
                  + " choose --height (and --crop) to make them so",
              first.id(), w, h));
    }
    int lw = w / divisor;
    int lh = h / divisor;
    float[] pixels = new float[samples.size() * 3 * w * h];
    long[] labels = new long[samples.size() * lw * lh];
    int at = 0;
    for (int i = 0; i < samples.size(); i++) {
      TrainingSample s = samples.get(i);
      if (s.image().width() != w || s.image().height() != h) {
        throw new IllegalArgumentException(
            String.format(
                "one batch needs one size: %s is %dx%d but %s is %dx%d; use --crop for datasets"
                    + " of mixed shapes",
                first.id(), w, h, s.id(), s.image().width(), s.image().height()));
      }
      at += input.write(s.image(), pixels, at);
      Raster label = divisor == 1 ? s.label() : Resize.nearest(s.label(), lw, lh);
      byte[] ids = label.bytes();
      int base = i * lw * lh;
      for (int p = 0; p < ids.length; p++) {
        int id = ids[p] & 0xff;
        labels[base + p] = id < CityscapesLabels.NUM_TRAIN_CLASSES ? id : voidClass;
      }
    }
    return new TrainingBatch(samples.size(), h, w, pixels, lh, lw, labels);
  }
}

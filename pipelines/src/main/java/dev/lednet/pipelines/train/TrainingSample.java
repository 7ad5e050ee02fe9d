package dev.lednet.pipelines.train;

import dev.lednet.stages.image.Raster;

/** One training pair: an 8-bit RGB image and its trainIds label map (255 void), same size. */
public record TrainingSample(String id, Raster image, Raster label) {

  public TrainingSample {
    if (image.width() != label.width() || image.height() != label.height()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: the image is %dx%d but its label is %dx%d",
              id, image.width(), image.height(), label.width(), label.height()));
    }
    if (label.format() != Raster.Format.GRAY8) {
      throw new IllegalArgumentException(id + ": labels must be 8-bit gray trainIds, not " + label.format());
    }
  }
}

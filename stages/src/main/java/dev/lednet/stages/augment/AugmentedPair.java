package dev.lednet.stages.augment;

import dev.lednet.stages.image.Raster;

/** An RGB image and its trainId label map, the same size, pixel for pixel aligned. */
public record AugmentedPair(Raster image, Raster label) {

  public AugmentedPair {
    if (image.format() != Raster.Format.RGB8 || label.format() != Raster.Format.GRAY8) {
      throw new IllegalArgumentException("an image/label pair is RGB8 and GRAY8, got " + image + " and " + label);
    }
    if (image.width() != label.width() || image.height() != label.height()) {
      throw new IllegalArgumentException(
          "image " + image.width() + "x" + image.height() + " and label " + label.width() + "x"
              + label.height() + " differ in size");
    }
  }
}

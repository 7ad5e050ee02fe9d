package dev.lednet.stages.prepare;

import dev.lednet.schemas.FrameId;
import dev.lednet.stages.image.Raster;

/**
 * The label images that cityscapesScripts renders from polygons, with their official file name
 * suffixes: {@code json2labelImg.py} ids, train ids and colours, {@code json2instanceImg.py} ids
 * and train ids.
 */
public enum LabelOutput {
  /** 8-bit labelIds, background 0 (unlabeled). */
  LABEL_IDS("labelIds", Raster.Format.GRAY8),
  /** 8-bit trainIds, background 255. */
  LABEL_TRAIN_IDS("labelTrainIds", Raster.Format.GRAY8),
  /** RGBA label colours, alpha 255, background black. */
  COLOR("color", Raster.Format.RGBA8),
  /** 16-bit {@code id * 1000 + k} for instances, the labelId otherwise, background 0. */
  INSTANCE_IDS("instanceIds", Raster.Format.GRAY16),
  /** 16-bit {@code trainId * 1000 + k} for instances, the trainId otherwise, background 255. */
  INSTANCE_TRAIN_IDS("instanceTrainIds", Raster.Format.GRAY16);

  private final String suffix;
  private final Raster.Format format;

  LabelOutput(String suffix, Raster.Format format) {
    this.suffix = suffix;
    this.format = format;
  }

  /** The official file type, e.g. {@code labelTrainIds}. */
  public String suffix() {
    return suffix;
  }

  public Raster.Format format() {
    return format;
  }

  /** The frame component, e.g. {@code gtCoarse_labelTrainIds} for {@code gtCoarse}. */
  public String component(String annotationType) {
    return annotationType + "_" + suffix;
  }

  /** The official file name, e.g. {@code aachen_000000_000019_gtFine_labelIds.png}. */
  public String fileName(FrameId frame, String annotationType) {
    return frame.fileName(component(annotationType) + ".png");
  }
}

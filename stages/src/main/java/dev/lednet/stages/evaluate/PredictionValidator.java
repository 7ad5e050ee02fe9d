package dev.lednet.stages.evaluate;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a prediction can be scored, each problem with its own message: a colour or 16-bit
 * image, a size that differs from the ground truth, values outside the id space. It also warns
 * about a labelIds prediction that looks like trainIds, which the official evaluation would score
 * without complaint and badly. Palette images are read by their indices, as Pillow and numpy read
 * them for the official script.
 */
public final class PredictionValidator {

  private static final int LISTED_VALUES = 8;

  private final IdSpace ids;

  private PredictionValidator(IdSpace ids) {
    this.ids = ids;
  }

  public static PredictionValidator forIds(IdSpace ids) {
    return new PredictionValidator(ids);
  }

  /** A problem with the prediction's pixel format or size, or empty. */
  public Optional<String> formatError(Raster prediction, int truthWidth, int truthHeight) {
    return formatError(prediction.format(), prediction.width(), prediction.height(), truthWidth, truthHeight);
  }

  /**
   * {@link #formatError(Raster, int, int)} for a prediction known by its format and size only (as
   * a {@code PngRowReader} knows it before decoding).
   */
  public Optional<String> formatError(
      Raster.Format format, int width, int height, int truthWidth, int truthHeight) {
    String wanted = "the evaluation needs a single-channel 8-bit PNG of " + idsName();
    switch (format) {
      case RGB8:
        return Optional.of(
            "prediction is a colour (RGB, 3-channel) image; "
                + wanted
                + ", not a colourised prediction");
      case RGBA8:
        return Optional.of("prediction is an RGBA (4-channel) image; " + wanted);
      case GRAY16:
        return Optional.of("prediction is a 16-bit image; " + wanted);
      case GRAY8:
      case INDEXED8:
        break;
    }
    if (width != truthWidth || height != truthHeight) {
      return Optional.of(
          "prediction is "
              + width
              + "x"
              + height
              + " but the ground truth is "
              + truthWidth
              + "x"
              + truthHeight
              + "; predictions must have the ground truth's size");
    }
    return Optional.empty();
  }

  /** Values outside the id space (at most a few listed, with their pixel counts), or empty. */
  public Optional<String> valueError(long[] predictionHistogram) {
    List<String> outside = new ArrayList<>();
    int outsideValues = 0;
    for (int value = 0; value < predictionHistogram.length; value++) {
      if (predictionHistogram[value] > 0 && !allowed(value)) {
        outsideValues++;
        if (outside.size() < LISTED_VALUES) {
          outside.add(value + " (" + predictionHistogram[value] + " px)");
        }
      }
    }
    if (outsideValues == 0) {
      return Optional.empty();
    }
    String listed = String.join(", ", outside) + (outsideValues > outside.size() ? ", ..." : "");
    String message = "prediction has values outside " + allowedRange() + ": " + listed;
    if (ids == IdSpace.LABEL_IDS && onlyTrainIdValues(predictionHistogram)) {
      message += "; it looks like trainIds (only 0..18 and 255), convert it to labelIds";
    }
    return Optional.of(message);
  }

  /** A warning for a prediction that can be scored but is probably not what was meant, or empty. */
  public Optional<String> warning(long[] predictionHistogram) {
    if (ids == IdSpace.LABEL_IDS
        && onlyTrainIdValues(predictionHistogram)
        && valueError(predictionHistogram).isEmpty()) {
      return Optional.of(
          "prediction has only values 0..18: it looks like trainIds, but the evaluation (like the"
              + " Cityscapes server) scores labelIds; convert it to labelIds if it is trainIds");
    }
    return Optional.empty();
  }

  private boolean allowed(int value) {
    if (ids == IdSpace.LABEL_IDS) {
      return value < CityscapesLabels.NUM_LABEL_IDS;
    }
    // LEDNet's 20-channel head may predict 19, its "ignored" class.
    return value <= CityscapesLabels.NUM_TRAIN_CLASSES || value == CityscapesLabels.IGNORE_TRAIN_ID;
  }

  private String allowedRange() {
    return ids == IdSpace.LABEL_IDS
        ? "the labelIds 0..33"
        : "the trainIds 0..18 (and 19 or 255 for ignored)";
  }

  private String idsName() {
    return ids == IdSpace.LABEL_IDS ? "labelIds" : "trainIds";
  }

  private static boolean onlyTrainIdValues(long[] histogram) {
    boolean any = false;
    for (int value = 0; value < histogram.length; value++) {
      if (histogram[value] > 0) {
        any = true;
        if (value >= CityscapesLabels.NUM_TRAIN_CLASSES && value != CityscapesLabels.IGNORE_TRAIN_ID) {
          return false;
        }
      }
    }
    return any;
  }
}

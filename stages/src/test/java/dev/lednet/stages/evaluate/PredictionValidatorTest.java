package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.stages.image.Raster;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PredictionValidatorTest {

  private static final PredictionValidator LABEL_IDS = PredictionValidator.forIds(IdSpace.LABEL_IDS);
  private static final PredictionValidator TRAIN_IDS = PredictionValidator.forIds(IdSpace.TRAIN_IDS);

  private static long[] histogram(int... valueAndCount) {
    long[] histogram = new long[256];
    for (int i = 0; i < valueAndCount.length; i += 2) {
      histogram[valueAndCount[i]] = valueAndCount[i + 1];
    }
    return histogram;
  }

  @Test
  void colourPredictionIsRefused() {
    Raster rgb = Raster.rgb(4, 2, new byte[4 * 2 * 3]);
    assertEquals(
        Optional.of(
            "prediction is a colour (RGB, 3-channel) image; the evaluation needs a single-channel"
                + " 8-bit PNG of labelIds, not a colourised prediction"),
        LABEL_IDS.formatError(rgb, 4, 2));
  }

  @Test
  void rgbaPredictionIsRefused() {
    Raster rgba = Raster.rgba(4, 2, new byte[4 * 2 * 4]);
    assertEquals(
        Optional.of(
            "prediction is an RGBA (4-channel) image; the evaluation needs a single-channel 8-bit"
                + " PNG of labelIds"),
        LABEL_IDS.formatError(rgba, 4, 2));
  }

  @Test
  void sixteenBitPredictionIsRefused() {
    Raster gray16 = Raster.gray16(4, 2, new short[8]);
    assertEquals(
        Optional.of(
            "prediction is a 16-bit image; the evaluation needs a single-channel 8-bit PNG of"
                + " trainIds"),
        TRAIN_IDS.formatError(gray16, 4, 2));
  }

  @Test
  void predictionOfAnotherSizeIsRefused() {
    Raster half = Raster.gray8(1024, 512, new byte[1024 * 512]);
    assertEquals(
        Optional.of(
            "prediction is 1024x512 but the ground truth is 2048x1024; predictions must have the"
                + " ground truth's size"),
        LABEL_IDS.formatError(half, 2048, 1024));
  }

  @Test
  void grayAndPalettePredictionsOfTheRightSizePass() {
    assertEquals(Optional.empty(), LABEL_IDS.formatError(Raster.gray8(4, 2, new byte[8]), 4, 2));
    assertEquals(
        Optional.empty(),
        LABEL_IDS.formatError(Raster.indexed(4, 2, new byte[8], new int[] {0, 0x804080}), 4, 2));
  }

  @Test
  void labelIdsOutsideZeroToThirtyThreeAreListedWithPixelCounts() {
    assertEquals(
        Optional.of("prediction has values outside the labelIds 0..33: 34 (3 px), 200 (1 px)"),
        LABEL_IDS.valueError(histogram(7, 10, 34, 3, 200, 1)));
  }

  @Test
  void manyStrayValuesAreElided() {
    long[] histogram = new long[256];
    java.util.Arrays.fill(histogram, 1);
    assertEquals(
        Optional.of(
            "prediction has values outside the labelIds 0..33: 34 (1 px), 35 (1 px), 36 (1 px),"
                + " 37 (1 px), 38 (1 px), 39 (1 px), 40 (1 px), 41 (1 px), ..."),
        LABEL_IDS.valueError(histogram));
  }

  @Test
  void trainIdsWithIgnoredPixelsAreRefusedAsLabelIdsWithAHint() {
    assertEquals(
        Optional.of(
            "prediction has values outside the labelIds 0..33: 255 (4 px); it looks like trainIds"
                + " (only 0..18 and 255), convert it to labelIds"),
        LABEL_IDS.valueError(histogram(0, 10, 13, 5, 255, 4)));
  }

  @Test
  void predictionWithOnlyValuesUpToEighteenIsScoredWithAWarning() {
    long[] histogram = histogram(0, 10, 13, 5, 18, 1);
    assertEquals(Optional.empty(), LABEL_IDS.valueError(histogram));
    assertEquals(
        Optional.of(
            "prediction has only values 0..18: it looks like trainIds, but the evaluation (like the"
                + " Cityscapes server) scores labelIds; convert it to labelIds if it is trainIds"),
        LABEL_IDS.warning(histogram));
  }

  @Test
  void labelIdsPredictionHasNoWarning() {
    assertEquals(Optional.empty(), LABEL_IDS.warning(histogram(7, 10, 26, 5)));
  }

  @Test
  void trainIdsAllowNineteenAndTwoFiftyFiveOnly() {
    assertEquals(Optional.empty(), TRAIN_IDS.valueError(histogram(0, 1, 18, 1, 19, 1, 255, 1)));
    assertEquals(Optional.empty(), TRAIN_IDS.warning(histogram(0, 1, 18, 1)));
    assertEquals(
        Optional.of(
            "prediction has values outside the trainIds 0..18 (and 19 or 255 for ignored): 26 (2 px)"),
        TRAIN_IDS.valueError(histogram(0, 1, 26, 2)));
  }
}

package dev.lednet.stages.augment;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import java.util.List;

/**
 * Pixel counts of a trainId label map: one per train class (0..18) and, last, the ignored pixels
 * (255). What a trainer needs for class weights (ENet's {@code 1 / ln(1.02 + p)}).
 */
final class ClassPixels {

  /** Entries: the train classes, then ignored. */
  static final int SIZE = CityscapesLabels.NUM_TRAIN_CLASSES + 1;

  static final int IGNORED = CityscapesLabels.NUM_TRAIN_CLASSES;

  private ClassPixels() {}

  /**
   * The counts of a GRAY8 label map; any value other than a trainId or 255 is an error that says
   * where it is (a labelIds image given for trainIds, most likely).
   */
  static long[] count(Raster label) {
    if (label.format() != Raster.Format.GRAY8) {
      throw new IllegalArgumentException("a trainId label map is 8-bit gray, got " + label);
    }
    long[] counts = new long[SIZE];
    byte[] pixels = label.bytes();
    for (int i = 0; i < pixels.length; i++) {
      int value = pixels[i] & 0xff;
      if (value < CityscapesLabels.NUM_TRAIN_CLASSES) {
        counts[value]++;
      } else if (value == CityscapesLabels.IGNORE_TRAIN_ID) {
        counts[IGNORED]++;
      } else {
        throw new IllegalArgumentException(
            "label value " + value + " at (" + i % label.width() + ", " + i / label.width()
                + ") is not a trainId (0..18 or 255): is this a labelIds image rather than labelTrainIds?");
      }
    }
    return counts;
  }

  static ImmutableList<Long> asList(long[] counts) {
    ImmutableList.Builder<Long> list = ImmutableList.builder();
    for (long c : counts) {
      list.add(c);
    }
    return list.build();
  }

  static void add(long[] sum, List<? extends Number> counts) {
    if (counts.size() != SIZE) {
      throw new IllegalArgumentException("class pixel counts have " + SIZE + " entries, got " + counts.size());
    }
    for (int i = 0; i < SIZE; i++) {
      sum[i] += counts.get(i).longValue();
    }
  }
}

package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.List;
import java.util.Optional;

/**
 * One pass over a frame's pixels: how often each (ground truth, prediction) byte pair occurs and,
 * when instanceIds are given, how the prediction covers each instance. Counting all 256x256 pairs
 * first lets out-of-range values be reported instead of indexing past a matrix, which is how the
 * official Cython path corrupts memory.
 */
public final class PixelTally {

  private static final int INSTANCE_ID_LIMIT = 1 << 16;
  /** The official keeps instance ids strictly above 1000 ({@code instanceNp > 1000}). */
  private static final int FIRST_INSTANCE_ID = 1001;
  private static final int MAX_LABEL_OF_INSTANCE = (INSTANCE_ID_LIMIT - 1) / 1000;

  /** {@code SAME_CATEGORY[label << 8 | predicted]}: 1 when both are in the same iIoU category. */
  private static final byte[] SAME_CATEGORY = sameCategoryTable();

  /** {@code pairs[truth << 8 | predicted]}: pixels per value pair. */
  private final int[] pairs;
  // Per instance id; null without instanceIds.
  private final int[] instancePixels;
  private final int[] instanceClassHits;
  private final int[] instanceCategoryHits;

  private PixelTally(int[] pairs, int[] instancePixels, int[] classHits, int[] categoryHits) {
    this.pairs = pairs;
    this.instancePixels = instancePixels;
    this.instanceClassHits = classHits;
    this.instanceCategoryHits = categoryHits;
  }

  /** Counts the pairs of two 8-bit images of the same size. */
  public static PixelTally count(byte[] groundTruth, byte[] prediction) {
    requireSameLength(groundTruth, prediction.length, "prediction");
    int[] pairs = new int[256 * 256];
    if (groundTruth.length > 0) {
      // Label maps come in runs of equal pixels: counting a run at its end spares the memory
      // round trip per pixel that makes a plain histogram loop slow (about 2x here).
      int previous = pairKey(groundTruth, prediction, 0);
      int run = 0;
      for (int i = 0; i < groundTruth.length; i++) {
        int key = pairKey(groundTruth, prediction, i);
        if (key == previous) {
          run++;
          continue;
        }
        pairs[previous] += run;
        previous = key;
        run = 1;
      }
      pairs[previous] += run;
    }
    return new PixelTally(pairs, null, null, null);
  }

  /**
   * Counts the pairs of two 8-bit images and the instance overlaps of a 16-bit instanceIds image,
   * all of the same size, in one pass.
   */
  public static PixelTally count(byte[] groundTruth, byte[] prediction, short[] instanceIds) {
    requireSameLength(groundTruth, prediction.length, "prediction");
    requireSameLength(groundTruth, instanceIds.length, "instanceIds");
    int[] pairs = new int[256 * 256];
    int[] pixels = new int[INSTANCE_ID_LIMIT];
    int[] classHits = new int[INSTANCE_ID_LIMIT];
    int[] categoryHits = new int[INSTANCE_ID_LIMIT];
    if (groundTruth.length > 0) {
      int previous = (instanceIds[0] & 0xffff) << 16 | pairKey(groundTruth, prediction, 0);
      int run = 0;
      for (int i = 0; i < groundTruth.length; i++) {
        int key = (instanceIds[i] & 0xffff) << 16 | pairKey(groundTruth, prediction, i);
        if (key == previous) {
          run++;
          continue;
        }
        addRun(previous, run, pairs, pixels, classHits, categoryHits);
        previous = key;
        run = 1;
      }
      addRun(previous, run, pairs, pixels, classHits, categoryHits);
    }
    return new PixelTally(pairs, pixels, classHits, categoryHits);
  }

  /** Adds {@code run} pixels of one (instance, ground truth, prediction) key. */
  private static void addRun(
      int key, int run, int[] pairs, int[] pixels, int[] classHits, int[] categoryHits) {
    pairs[key & 0xffff] += run;
    int instance = key >>> 16;
    if (instance >= FIRST_INSTANCE_ID) {
      int label = instance / 1000;
      int predicted = key & 0xff;
      pixels[instance] += run;
      if (label == predicted) {
        classHits[instance] += run;
      }
      categoryHits[instance] += SAME_CATEGORY[label << 8 | predicted] * run;
    }
  }

  private static int pairKey(byte[] groundTruth, byte[] prediction, int i) {
    return (groundTruth[i] & 0xff) << 8 | (prediction[i] & 0xff);
  }

  private static void requireSameLength(byte[] groundTruth, int length, String what) {
    if (groundTruth.length != length) {
      throw new IllegalArgumentException(
          what + " has " + length + " pixels but the ground truth has " + groundTruth.length);
    }
  }

  /** Pixels per prediction value 0..255. */
  public long[] predictionHistogram() {
    long[] histogram = new long[256];
    for (int pair = 0; pair < pairs.length; pair++) {
      histogram[pair & 0xff] += pairs[pair];
    }
    return histogram;
  }

  /** Pixels per ground-truth value 0..255. */
  public long[] groundTruthHistogram() {
    long[] histogram = new long[256];
    for (int pair = 0; pair < pairs.length; pair++) {
      histogram[pair >>> 8] += pairs[pair];
    }
    return histogram;
  }

  /**
   * The confusion counts in an id space, ground truth in rows.
   *
   * @throws IllegalArgumentException when a value lies outside the space; check the prediction with
   *     {@link PredictionValidator} first for a clearer message
   */
  public long[] confusion(IdSpace ids) {
    int size = ids.matrixSize();
    long[] counts = new long[size * size];
    for (int pair = 0; pair < pairs.length; pair++) {
      if (pairs[pair] != 0) {
        int truth = groundTruthIndex(ids, pair >>> 8);
        int predicted = predictionIndex(ids, pair & 0xff);
        counts[truth * size + predicted] += pairs[pair];
      }
    }
    return counts;
  }

  private static int groundTruthIndex(IdSpace ids, int value) {
    if (ids == IdSpace.LABEL_IDS && value < CityscapesLabels.NUM_LABEL_IDS) {
      return value;
    }
    if (ids == IdSpace.TRAIN_IDS && value < CityscapesLabels.NUM_TRAIN_CLASSES) {
      return value;
    }
    if (ids == IdSpace.TRAIN_IDS && value == CityscapesLabels.IGNORE_TRAIN_ID) {
      return CityscapesLabels.NUM_TRAIN_CLASSES;
    }
    throw new IllegalArgumentException(
        "ground truth has value "
            + value
            + ", outside "
            + (ids == IdSpace.LABEL_IDS ? "the labelIds 0..33" : "the trainIds 0..18 and 255"));
  }

  private static int predictionIndex(IdSpace ids, int value) {
    if (ids == IdSpace.LABEL_IDS && value < CityscapesLabels.NUM_LABEL_IDS) {
      return value;
    }
    if (ids == IdSpace.TRAIN_IDS && value <= CityscapesLabels.NUM_TRAIN_CLASSES) {
      return value;
    }
    if (ids == IdSpace.TRAIN_IDS && value == CityscapesLabels.IGNORE_TRAIN_ID) {
      return CityscapesLabels.NUM_TRAIN_CLASSES;
    }
    throw new IllegalArgumentException(
        "prediction has value "
            + value
            + ", outside "
            + (ids == IdSpace.LABEL_IDS ? "the labelIds 0..33" : "the trainIds 0..19 and 255"));
  }

  /**
   * The instances that iIoU scores, by ascending id; instances of ignored classes (caravan, trailer)
   * are left out as the official leaves them out.
   *
   * @throws IllegalArgumentException when an instance id names a label without instances, which
   *     would stop the official script with a KeyError
   */
  public List<InstanceOverlap> instances() {
    if (instancePixels == null) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<InstanceOverlap> instances = ImmutableList.builder();
    for (int id = FIRST_INSTANCE_ID; id < INSTANCE_ID_LIMIT; id++) {
      if (instancePixels[id] == 0) {
        continue;
      }
      Optional<Label> label = CityscapesLabels.byId(id / 1000);
      if (label.isEmpty() || !label.get().hasInstances()) {
        throw new IllegalArgumentException(
            "instanceIds has instance id "
                + id
                + " but "
                + label.map(l -> l.name() + " (labelId " + l.id() + ") has no instances")
                    .orElse("labelId " + id / 1000 + " does not exist"));
      }
      if (!label.get().ignoreInEval()) {
        instances.add(
            InstanceOverlap.create(
                id, instancePixels[id], instanceClassHits[id], instanceCategoryHits[id]));
      }
    }
    return instances.build();
  }

  private static byte[] sameCategoryTable() {
    byte[] table = new byte[(MAX_LABEL_OF_INSTANCE + 1) << 8];
    for (InstanceClasses.Category category : InstanceClasses.categories()) {
      for (int label : category.labelIds()) {
        for (int predicted : category.labelIds()) {
          table[label << 8 | predicted] = 1;
        }
      }
    }
    return table;
  }
}

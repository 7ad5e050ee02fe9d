package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /**
   * A run this long is followed eight pixels at a time; shorter runs (noisy predictions) and the
   * pixels after a failed block are counted one by one.
   */
  private static final int MIN_RUN_FOR_BLOCKS = 8;
  private static final long EVERY_BYTE = 0x0101010101010101L;
  private static final long EVERY_PAIR = 0x0001000100010001L;

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
    Counter counter = counter();
    counter.addRow(groundTruth, prediction, groundTruth.length);
    return counter.tally();
  }

  /**
   * Counts the pairs of two 8-bit images and the instance overlaps of a 16-bit instanceIds image,
   * all of the same size, in one pass.
   */
  public static PixelTally count(byte[] groundTruth, byte[] prediction, short[] instanceIds) {
    requireSameLength(groundTruth, prediction.length, "prediction");
    requireSameLength(groundTruth, instanceIds.length, "instanceIds");
    byte[] bigEndian = new byte[2 * instanceIds.length];
    for (int i = 0; i < instanceIds.length; i++) {
      bigEndian[2 * i] = (byte) (instanceIds[i] >> 8);
      bigEndian[2 * i + 1] = (byte) instanceIds[i];
    }
    Counter counter = counterWithInstances();
    counter.addRow(groundTruth, prediction, bigEndian, groundTruth.length);
    return counter.tally();
  }

  /** A tally built row by row (or from any pieces), for callers that never hold whole images. */
  public static Counter counter() {
    return new Counter(false);
  }

  /** {@link #counter()} that also measures the instances of instanceIds rows. */
  public static Counter counterWithInstances() {
    return new Counter(true);
  }

  /**
   * Adds up pixels piece by piece: the tally of the pieces together is that of {@link #count} on
   * the whole images, however they are cut. Not thread-safe.
   *
   * <p>Label maps come in runs of equal pixels (about 75 on the bench's frames, counting all three
   * images): a run is counted at its end, sparing the memory round trip per pixel that makes a
   * plain histogram loop slow, and eight pixels at a time are checked against the current run with
   * one comparison of eight bytes per image. A run may go on from one piece to the next.
   */
  public static final class Counter {
    private final int[] pairs = new int[256 * 256];
    private final int[] pixels;
    private final int[] classHits;
    private final int[] categoryHits;
    private int previous;
    private int run;

    private Counter(boolean instances) {
      this.pixels = instances ? new int[INSTANCE_ID_LIMIT] : null;
      this.classHits = instances ? new int[INSTANCE_ID_LIMIT] : null;
      this.categoryHits = instances ? new int[INSTANCE_ID_LIMIT] : null;
    }

    /** Adds the first {@code length} pixels of a ground-truth and a prediction row. */
    public void addRow(byte[] groundTruth, byte[] prediction, int length) {
      if (pixels != null) {
        throw new IllegalStateException("this counter measures instances: give the instanceIds row");
      }
      int[] counts = pairs;
      int last = previous;
      int n = run;
      int i = 0;
      while (i < length) {
        // Pixel by pixel until a run is long enough to follow in blocks.
        for (; i < length; i++) {
          int key = pairKey(groundTruth, prediction, i);
          if (key != last) {
            counts[last] += n;
            last = key;
            n = 1;
          } else if (++n >= MIN_RUN_FOR_BLOCKS) {
            i++;
            break;
          }
        }
        long truthRun = (last >>> 8) * EVERY_BYTE;
        long predictionRun = (last & 0xff) * EVERY_BYTE;
        while (i + 8 <= length
            && (long) LONGS.get(groundTruth, i) == truthRun
            && (long) LONGS.get(prediction, i) == predictionRun) {
          n += 8;
          i += 8;
        }
        // The block that failed holds the run's end: count it pixel by pixel.
        for (int stop = Math.min(length, i + 8); i < stop; i++) {
          int key = pairKey(groundTruth, prediction, i);
          if (key != last) {
            counts[last] += n;
            last = key;
            n = 1;
          } else {
            n++;
          }
        }
      }
      previous = last;
      run = n;
    }

    /**
     * Adds the first {@code length} pixels of ground-truth, prediction and instanceIds rows, the
     * instance ids as a 16-bit PNG row holds them: big-endian, two bytes a pixel.
     */
    public void addRow(byte[] groundTruth, byte[] prediction, byte[] instanceIds, int length) {
      if (pixels == null) {
        throw new IllegalStateException("this counter does not measure instances");
      }
      if (instanceIds.length < 2 * length) {
        throw new IllegalArgumentException(
            "an instanceIds row of " + length + " pixels has " + 2 * length + " bytes, not " + instanceIds.length);
      }
      int last = previous;
      int n = run;
      int i = 0;
      while (i < length) {
        // Pixel by pixel until a run is long enough to follow in blocks: a plain counted loop.
        for (; i < length; i++) {
          int instance = (instanceIds[2 * i] & 0xff) << 8 | (instanceIds[2 * i + 1] & 0xff);
          int key = instance << 16 | pairKey(groundTruth, prediction, i);
          if (key != last) {
            addRun(last, n, pairs, pixels, classHits, categoryHits);
            last = key;
            n = 1;
          } else if (++n >= MIN_RUN_FOR_BLOCKS) {
            i++;
            break;
          }
        }
        while (i + 8 <= length && continuesRun(groundTruth, prediction, instanceIds, i, last)) {
          n += 8;
          i += 8;
        }
        // The block that failed holds the run's end: count it pixel by pixel.
        for (int stop = Math.min(length, i + 8); i < stop; i++) {
          int instance = (instanceIds[2 * i] & 0xff) << 8 | (instanceIds[2 * i + 1] & 0xff);
          int key = instance << 16 | pairKey(groundTruth, prediction, i);
          if (key != last) {
            addRun(last, n, pairs, pixels, classHits, categoryHits);
            last = key;
            n = 1;
          } else {
            n++;
          }
        }
      }
      previous = last;
      run = n;
    }

    /** Whether the eight pixels from {@code i} all have the (instance, truth, prediction) {@code key}. */
    private static boolean continuesRun(byte[] truth, byte[] prediction, byte[] instanceIds, int i, int key) {
      int instance = key >>> 16;
      // The instance id's two big-endian bytes as a little-endian read of the row sees them.
      long instances = ((instance & 0xff) << 8 | instance >>> 8) * EVERY_PAIR;
      return (long) LONGS.get(truth, i) == (key >>> 8 & 0xff) * EVERY_BYTE
          && (long) LONGS.get(prediction, i) == (key & 0xff) * EVERY_BYTE
          && (long) LONGS.get(instanceIds, 2 * i) == instances
          && (long) LONGS.get(instanceIds, 2 * i + 8) == instances;
    }

    /** The tally of everything added; call it once, after the last piece. */
    public PixelTally tally() {
      if (pixels == null) {
        pairs[previous] += run;
      } else {
        addRun(previous, run, pairs, pixels, classHits, categoryHits);
      }
      run = 0;
      return new PixelTally(pairs, pixels, classHits, categoryHits);
    }
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

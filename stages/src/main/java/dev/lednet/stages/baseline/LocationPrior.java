package dev.lednet.stages.baseline;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import java.io.Serializable;

/**
 * A location prior: for each cell of a coarse grid over the image, how often each train class
 * covers it in the training labels. Its prediction, the most frequent class of each cell, is the
 * classic "where things usually are" baseline of street-scene segmentation (sky on top, road at
 * the bottom); it needs no network and makes a fair lower bound for a real model.
 */
public final class LocationPrior implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int CLASSES = CityscapesLabels.NUM_TRAIN_CLASSES;

  private final int columns;
  private final int rows;
  private final long[] counts;

  LocationPrior(int columns, int rows, long[] counts) {
    if (counts.length != columns * rows * CLASSES) {
      throw new IllegalArgumentException("counts must hold columns x rows x 19 values");
    }
    this.columns = columns;
    this.rows = rows;
    this.counts = counts;
  }

  /** An empty prior on a {@code columns x rows} grid. */
  public static LocationPrior empty(int columns, int rows) {
    return new LocationPrior(columns, rows, new long[columns * rows * CLASSES]);
  }

  public int columns() {
    return columns;
  }

  public int rows() {
    return rows;
  }

  /** Adds the counts of a labelTrainIds image (255 ignored) into this prior's grid. */
  void add(Raster trainIds) {
    int width = trainIds.width();
    int height = trainIds.height();
    byte[] pixels = trainIds.bytes();
    for (int y = 0; y < height; y++) {
      int row = (int) ((long) y * rows / height);
      for (int x = 0; x < width; x++) {
        int trainId = pixels[y * width + x] & 0xff;
        if (trainId < CLASSES) {
          int column = (int) ((long) x * columns / width);
          counts[(row * columns + column) * CLASSES + trainId]++;
        }
      }
    }
  }

  /** Adds another prior of the same grid into this one. */
  void merge(LocationPrior other) {
    if (other.columns != columns || other.rows != rows) {
      throw new IllegalArgumentException("priors of different grids cannot be merged");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  /** The most frequent trainId of each cell (the lowest trainId on ties; 255 where nothing was seen). */
  public byte[] argmax() {
    byte[] classes = new byte[columns * rows];
    for (int cell = 0; cell < classes.length; cell++) {
      int best = -1;
      long bestCount = 0;
      for (int c = 0; c < CLASSES; c++) {
        long count = counts[cell * CLASSES + c];
        if (count > bestCount) {
          best = c;
          bestCount = count;
        }
      }
      classes[cell] = (byte) (best < 0 ? CityscapesLabels.IGNORE_TRAIN_ID : best);
    }
    return classes;
  }

  /** The prediction for a {@code width x height} frame as labelIds (what the server expects). */
  public Raster predictLabelIds(int width, int height) {
    byte[] cells = argmax();
    byte[] toId = CityscapesLabels.trainIdToIdTable();
    byte[] pixels = new byte[width * height];
    for (int y = 0; y < height; y++) {
      int row = (int) ((long) y * rows / height);
      for (int x = 0; x < width; x++) {
        int column = (int) ((long) x * columns / width);
        pixels[y * width + x] = toId[cells[row * columns + column] & 0xff];
      }
    }
    return Raster.gray8(width, height, pixels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocationPrior other
        && columns == other.columns
        && rows == other.rows
        && java.util.Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * columns + rows) + java.util.Arrays.hashCode(counts);
  }
}

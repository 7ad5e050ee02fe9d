package dev.lednet.schemas;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cityscapes label table, the single source of truth for ids, train ids, categories and
 * colours. The rows are those of cityscapesScripts' {@code helpers/labels.py}; every lookup below
 * is derived from {@link #all()}, with the same precedence rules as the official dictionaries.
 */
public final class CityscapesLabels {

  /** The trainId of pixels ignored in training and of every void label. */
  public static final int IGNORE_TRAIN_ID = 255;

  /** Number of train classes (trainIds 0..18). */
  public static final int NUM_TRAIN_CLASSES = 19;

  /** Number of labelIds that appear in label images (0..33). */
  public static final int NUM_LABEL_IDS = 34;

  private static final ImmutableList<Label> LABELS =
      ImmutableList.of(
          label("unlabeled", 0, 255, "void", 0, false, true, 0, 0, 0),
          label("ego vehicle", 1, 255, "void", 0, false, true, 0, 0, 0),
          label("rectification border", 2, 255, "void", 0, false, true, 0, 0, 0),
          label("out of roi", 3, 255, "void", 0, false, true, 0, 0, 0),
          label("static", 4, 255, "void", 0, false, true, 0, 0, 0),
          label("dynamic", 5, 255, "void", 0, false, true, 111, 74, 0),
          label("ground", 6, 255, "void", 0, false, true, 81, 0, 81),
          label("road", 7, 0, "flat", 1, false, false, 128, 64, 128),
          label("sidewalk", 8, 1, "flat", 1, false, false, 244, 35, 232),
          label("parking", 9, 255, "flat", 1, false, true, 250, 170, 160),
          label("rail track", 10, 255, "flat", 1, false, true, 230, 150, 140),
          label("building", 11, 2, "construction", 2, false, false, 70, 70, 70),
          label("wall", 12, 3, "construction", 2, false, false, 102, 102, 156),
          label("fence", 13, 4, "construction", 2, false, false, 190, 153, 153),
          label("guard rail", 14, 255, "construction", 2, false, true, 180, 165, 180),
          label("bridge", 15, 255, "construction", 2, false, true, 150, 100, 100),
          label("tunnel", 16, 255, "construction", 2, false, true, 150, 120, 90),
          label("pole", 17, 5, "object", 3, false, false, 153, 153, 153),
          label("polegroup", 18, 255, "object", 3, false, true, 153, 153, 153),
          label("traffic light", 19, 6, "object", 3, false, false, 250, 170, 30),
          label("traffic sign", 20, 7, "object", 3, false, false, 220, 220, 0),
          label("vegetation", 21, 8, "nature", 4, false, false, 107, 142, 35),
          label("terrain", 22, 9, "nature", 4, false, false, 152, 251, 152),
          label("sky", 23, 10, "sky", 5, false, false, 70, 130, 180),
          label("person", 24, 11, "human", 6, true, false, 220, 20, 60),
          label("rider", 25, 12, "human", 6, true, false, 255, 0, 0),
          label("car", 26, 13, "vehicle", 7, true, false, 0, 0, 142),
          label("truck", 27, 14, "vehicle", 7, true, false, 0, 0, 70),
          label("bus", 28, 15, "vehicle", 7, true, false, 0, 60, 100),
          label("caravan", 29, 255, "vehicle", 7, true, true, 0, 0, 90),
          label("trailer", 30, 255, "vehicle", 7, true, true, 0, 0, 110),
          label("train", 31, 16, "vehicle", 7, true, false, 0, 80, 100),
          label("motorcycle", 32, 17, "vehicle", 7, true, false, 0, 0, 230),
          label("bicycle", 33, 18, "vehicle", 7, true, false, 119, 11, 32),
          label("license plate", -1, -1, "vehicle", 7, false, true, 0, 0, 142));

  private static final ImmutableMap<String, Label> BY_NAME;
  private static final ImmutableMap<Integer, Label> BY_ID;
  private static final ImmutableMap<Integer, Label> BY_TRAIN_ID;
  private static final ImmutableMap<String, ImmutableList<Label>> BY_CATEGORY;
  private static final byte[] ID_TO_TRAIN_ID = new byte[256];
  private static final byte[] TRAIN_ID_TO_ID = new byte[256];
  private static final int[] ID_TO_RGB = new int[256];
  private static final int[] TRAIN_ID_TO_RGB = new int[256];

  static {
    Map<String, Label> byName = new LinkedHashMap<>();
    Map<Integer, Label> byId = new LinkedHashMap<>();
    Map<Integer, Label> byTrainId = new LinkedHashMap<>();
    Map<String, ImmutableList.Builder<Label>> byCategory = new LinkedHashMap<>();
    for (Label label : LABELS) {
      byName.put(label.name(), label);
      byId.put(label.id(), label);
      // Like labels.py's trainId2label (built from reversed(labels)): the first label wins.
      byTrainId.putIfAbsent(label.trainId(), label);
      byCategory.computeIfAbsent(label.category(), c -> ImmutableList.builder()).add(label);
    }
    BY_NAME = ImmutableMap.copyOf(byName);
    BY_ID = ImmutableMap.copyOf(byId);
    BY_TRAIN_ID = ImmutableMap.copyOf(byTrainId);
    ImmutableMap.Builder<String, ImmutableList<Label>> categories = ImmutableMap.builder();
    byCategory.forEach((name, labels) -> categories.put(name, labels.build()));
    BY_CATEGORY = categories.build();

    // Values outside the table map to "ignore" (trainId 255, labelId 0, black) so that a lookup
    // never fails on a corrupt pixel; validation of inputs happens where inputs are read.
    java.util.Arrays.fill(ID_TO_TRAIN_ID, (byte) IGNORE_TRAIN_ID);
    for (int value = 0; value < 256; value++) {
      Label byTrain = BY_TRAIN_ID.get(value);
      TRAIN_ID_TO_ID[value] = (byte) (byTrain == null || byTrain.id() < 0 ? 0 : byTrain.id());
      TRAIN_ID_TO_RGB[value] = byTrain == null ? 0 : byTrain.color().packed();
      Label label = BY_ID.get(value);
      if (label != null) {
        ID_TO_TRAIN_ID[value] = (byte) label.trainId();
        ID_TO_RGB[value] = label.color().packed();
      }
    }
  }

  private CityscapesLabels() {}

  private static Label label(
      String name,
      int id,
      int trainId,
      String category,
      int categoryId,
      boolean hasInstances,
      boolean ignoreInEval,
      int r,
      int g,
      int b) {
    return new Label(
        name, id, trainId, category, categoryId, hasInstances, ignoreInEval, new Rgb(r, g, b));
  }

  /** All 35 labels in the official order. */
  public static List<Label> all() {
    return LABELS;
  }

  /** The label with this name, as {@code name2label}. */
  public static Optional<Label> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The label with this labelId (-1..33), as {@code id2label}. */
  public static Optional<Label> byId(int id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** The first label with this trainId, as {@code trainId2label}. */
  public static Optional<Label> byTrainId(int trainId) {
    return Optional.ofNullable(BY_TRAIN_ID.get(trainId));
  }

  /** The labels of each category, categories in order of first appearance. */
  public static Map<String, ImmutableList<Label>> byCategory() {
    return BY_CATEGORY;
  }

  /** The 19 train classes in trainId order. */
  public static List<Label> trainClasses() {
    ImmutableList.Builder<Label> classes = ImmutableList.builder();
    for (int trainId = 0; trainId < NUM_TRAIN_CLASSES; trainId++) {
      classes.add(BY_TRAIN_ID.get(trainId));
    }
    return classes.build();
  }

  /**
   * The label name that describes a single instance, as {@code assureSingleInstanceName}: a known
   * name is returned as is, an unknown name ending in {@code group} loses the suffix if what
   * remains is a known label that has instances; otherwise empty.
   */
  public static Optional<String> assureSingleInstanceName(String name) {
    if (BY_NAME.containsKey(name)) {
      return Optional.of(name);
    }
    if (!name.endsWith("group")) {
      return Optional.empty();
    }
    String single = name.substring(0, name.length() - "group".length());
    Label label = BY_NAME.get(single);
    return label != null && label.hasInstances() ? Optional.of(single) : Optional.empty();
  }

  /** trainId for a labelId pixel value (0..255); values outside the table give 255. */
  public static int trainIdOfId(int id) {
    return ID_TO_TRAIN_ID[id & 0xff] & 0xff;
  }

  /** labelId for a trainId pixel value, void (255 and unknown values) giving 0. */
  public static int idOfTrainId(int trainId) {
    return TRAIN_ID_TO_ID[trainId & 0xff] & 0xff;
  }

  /** A copy of the 256-entry labelId → trainId lookup table, for tight pixel loops. */
  public static byte[] idToTrainIdTable() {
    return ID_TO_TRAIN_ID.clone();
  }

  /** A copy of the 256-entry trainId → labelId lookup table (void → 0). */
  public static byte[] trainIdToIdTable() {
    return TRAIN_ID_TO_ID.clone();
  }

  /** A copy of the 256-entry labelId → 0xRRGGBB table (unknown values black). */
  public static int[] idToColorTable() {
    return ID_TO_RGB.clone();
  }

  /** A copy of the 256-entry trainId → 0xRRGGBB table (255 and unknown values black). */
  public static int[] trainIdToColorTable() {
    return TRAIN_ID_TO_RGB.clone();
  }
}

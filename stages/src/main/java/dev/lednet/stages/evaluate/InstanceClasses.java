package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.List;
import java.util.Map;

/**
 * The classes and categories that the official evaluation scores by instance-weighted IoU (iIoU),
 * and the average instance sizes it weights by. The sets are derived from the label table the way
 * {@code generateInstanceStats} derives them: classes that have instances and are not ignored;
 * categories all of whose drawn labels have instances, with every such labelId, ignored or not.
 */
public final class InstanceClasses {

  /**
   * {@code avgClassSize} of evalPixelLevelSemanticLabeling.py: pixels per instance over the training
   * set. Caravan and trailer are ignored in evaluation, so their sizes are never used.
   */
  private static final ImmutableMap<String, Double> AVERAGE_SIZE =
      ImmutableMap.<String, Double>builder()
          .put("bicycle", 4672.3249222261)
          .put("caravan", 36771.8241758242)
          .put("motorcycle", 6298.7200839748)
          .put("rider", 3930.4788056518)
          .put("bus", 35732.1511111111)
          .put("train", 67583.7075812274)
          .put("car", 12794.0202738185)
          .put("person", 3462.4756337644)
          .put("truck", 27855.1264367816)
          .put("trailer", 16926.9763313609)
          .buildOrThrow();

  private static final ImmutableList<Label> CLASSES;
  private static final ImmutableList<Category> CATEGORIES;

  static {
    ImmutableList.Builder<Label> classes = ImmutableList.builder();
    for (Label label : CityscapesLabels.all()) {
      if (label.hasInstances() && !label.ignoreInEval()) {
        classes.add(label);
      }
    }
    CLASSES = classes.build();

    ImmutableList.Builder<Category> categories = ImmutableList.builder();
    for (Map.Entry<String, ImmutableList<Label>> entry : CityscapesLabels.byCategory().entrySet()) {
      ImmutableList<Label> drawn =
          entry.getValue().stream().filter(l -> l.id() >= 0).collect(ImmutableList.toImmutableList());
      if (drawn.stream().allMatch(Label::hasInstances)) {
        // Ignored labels stay in the set (vehicle keeps caravan and trailer): predicting them counts
        // as predicting the category, as in the official script.
        categories.add(
            new Category(
                entry.getKey(), drawn.stream().map(Label::id).collect(ImmutableList.toImmutableList())));
      }
    }
    CATEGORIES = categories.build();
  }

  /**
   * A category scored by iIoU.
   *
   * @param name {@code human} or {@code vehicle}
   * @param labelIds every drawn labelId of the category, including ignored ones
   */
  public record Category(String name, List<Integer> labelIds) {
    public boolean contains(int labelId) {
      return labelIds.contains(labelId);
    }
  }

  private InstanceClasses() {}

  /** The 8 classes with iIoU, in labelId order: person, rider, car, truck, bus, train, motorcycle, bicycle. */
  public static List<Label> classes() {
    return CLASSES;
  }

  /** The 2 categories with iIoU, in table order: human, vehicle. */
  public static List<Category> categories() {
    return CATEGORIES;
  }

  /** Position of a label in {@link #classes()}, or -1. */
  public static int classIndex(int labelId) {
    for (int i = 0; i < CLASSES.size(); i++) {
      if (CLASSES.get(i).id() == labelId) {
        return i;
      }
    }
    return -1;
  }

  /** Position of a category name in {@link #categories()}, or -1. */
  public static int categoryIndex(String category) {
    for (int i = 0; i < CATEGORIES.size(); i++) {
      if (CATEGORIES.get(i).name().equals(category)) {
        return i;
      }
    }
    return -1;
  }

  /** The official average instance size of a class that has instances. */
  public static double averageSize(Label label) {
    Double size = AVERAGE_SIZE.get(label.name());
    if (size == null) {
      throw new IllegalArgumentException(label.name() + " has no average instance size");
    }
    return size;
  }
}

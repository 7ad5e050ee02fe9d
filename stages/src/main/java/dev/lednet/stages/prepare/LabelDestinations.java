package dev.lednet.stages.prepare;

import dev.lednet.stages.io.DatasetLayout;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** The usual places for converted label images: beside their input, or in a dataset tree. */
public final class LabelDestinations {

  private LabelDestinations() {}

  /**
   * In the input file's directory, as cityscapesScripts' {@code createTrainIdLabelImgs.py} writes
   * {@code *_gtFine_labelTrainIds.png} next to {@code *_gtFine_polygons.json}.
   */
  public static SerializableFunction<OutputKey, String> besideInput() {
    return new BesideInput();
  }

  /** {@code <root>/<type>/<split>/<city>/<file>}, the Cityscapes layout, local or {@code gs://}. */
  public static SerializableFunction<OutputKey, String> underRoot(String root) {
    return new UnderRoot(root);
  }

  private static final class BesideInput implements SerializableFunction<OutputKey, String> {
    @Override
    public String apply(OutputKey key) {
      String input = key.frame().file(key.inputComponent());
      int slash = input.lastIndexOf('/');
      return slash < 0 ? key.fileName() : input.substring(0, slash + 1) + key.fileName();
    }
  }

  private static final class UnderRoot implements SerializableFunction<OutputKey, String> {
    private final String root;

    UnderRoot(String root) {
      this.root = root;
    }

    @Override
    public String apply(OutputKey key) {
      return DatasetLayout.path(
          root, key.frame().getSplit(), key.frame().getCity(), key.frame().getId(), key.component());
    }
  }
}

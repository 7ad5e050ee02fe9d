package dev.lednet.stages.infer;

import dev.lednet.schemas.Frame;
import dev.lednet.stages.io.DatasetLayout;

/**
 * What inference writes for each frame, each kind in its own tree under the output root so that
 * {@code lednet evaluate --predictions OUT/server} and {@code lednet submit} see one file per frame.
 */
public enum InferOutput {
  /**
   * The evaluation server's format: labelIds (void as 0), single-channel 8-bit, full resolution,
   * named like the input image, as the reference {@code eval_cityscapes_server.py} writes them.
   */
  SERVER("server", "leftImg8bit"),
  /** The class map as trainIds (void 255), single-channel 8-bit. */
  TRAIN_IDS("trainIds", "trainIds"),
  /** The official Cityscapes colours of the classes. */
  COLOR("color", "color"),
  /** The input image blended half and half with the class colours. */
  OVERLAY("overlay", "overlay");

  private final String folder;
  private final String suffix;

  InferOutput(String folder, String suffix) {
    this.folder = folder;
    this.suffix = suffix;
  }

  /** {@code <root>/<folder>/<split>/<city>/<frame id>_<suffix>.png}. */
  public String destination(String root, Frame frame) {
    return DatasetLayout.join(
        root, folder, frame.getSplit(), frame.getCity(), frame.getId() + "_" + suffix + ".png");
  }

  /** The name on the command line: server, trainIds, color, overlay. */
  public String optionName() {
    return folder;
  }

  public static InferOutput parse(String name) {
    for (InferOutput o : values()) {
      if (o.folder.equalsIgnoreCase(name.trim()) || o.name().equalsIgnoreCase(name.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown output '" + name + "': choose from server, trainIds, color, overlay");
  }
}

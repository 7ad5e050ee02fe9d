package dev.lednet.stages.prepare;

import dev.lednet.schemas.Frame;

/**
 * Which label image a conversion is about to emit, for the caller's destination function to turn
 * into a path.
 *
 * @param frame the frame converted
 * @param annotationType {@code gtFine}, {@code gtCoarse}, ...: kept in the output's name
 * @param output the label image
 * @param inputComponent the component it was made from, e.g. {@code gtFine_polygons}
 */
public record OutputKey(Frame frame, String annotationType, LabelOutput output, String inputComponent) {

  /** The output's component, e.g. {@code gtFine_labelTrainIds}. */
  public String component() {
    return output.component(annotationType);
  }

  /** The official file name, e.g. {@code aachen_000000_000019_gtFine_labelTrainIds.png}. */
  public String fileName() {
    return output.fileName(frame.frameId(), annotationType);
  }
}

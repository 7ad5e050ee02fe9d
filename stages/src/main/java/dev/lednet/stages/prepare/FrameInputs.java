package dev.lednet.stages.prepare;

import dev.lednet.schemas.Frame;
import dev.lednet.stages.io.DatasetLayout;

/** Names the input file of a failure. */
final class FrameInputs {

  private FrameInputs() {}

  /** The component's path, or its file name when the frame has no such file. */
  static String path(Frame frame, String component) {
    return frame.has(component)
        ? frame.file(component)
        : frame.frameId().fileName(component + "." + DatasetLayout.extensionOf(component));
  }
}

package dev.lednet.stages.infer;

/** How the class map gets back to the frame's full resolution. */
public enum Upsample {
  /**
   * Arg-max at the network's resolution, then Pillow's NEAREST resize of the class map: what the
   * reference {@code eval_cityscapes_server.py} does.
   */
  NEAREST,
  /** Scores resized bilinearly (align corners, as LEDNet's decoder) to full size, then arg-max. */
  BILINEAR
}

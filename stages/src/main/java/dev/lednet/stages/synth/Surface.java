package dev.lednet.stages.synth;

/**
 * How an object lies in the world, for the renderer only (the annotation files carry labels and
 * polygons): its depth, which scales its texture, and for facades the plane they lie in, so that
 * windows follow the perspective.
 *
 * @param depth distance from the camera in metres
 * @param facadeX for a facade along the street, its lateral position; NaN otherwise
 * @param facadeZ for a facade facing the camera, its depth; NaN otherwise
 */
public record Surface(double depth, double facadeX, double facadeZ) {

  /** An object standing at a depth, textured in its own bounding box. */
  public static Surface at(double depth) {
    return new Surface(depth, Double.NaN, Double.NaN);
  }

  /** A facade along the street at lateral position {@code x}. */
  public static Surface sideFacade(double x, double depth) {
    return new Surface(depth, x, Double.NaN);
  }

  /** A facade facing the camera at depth {@code z}. */
  public static Surface frontFacade(double z) {
    return new Surface(z, Double.NaN, z);
  }

  public boolean isSideFacade() {
    return !Double.isNaN(facadeX);
  }

  public boolean isFrontFacade() {
    return !Double.isNaN(facadeZ);
  }
}

package dev.lednet.stages.synth;

/**
 * A pinhole camera looking down a flat street, in Cityscapes' frame: world {@code X} to the right,
 * {@code Y} up from the road, {@code Z} ahead, all in metres. The renderer inverts it to lay road
 * markings, paving and windows out in perspective.
 *
 * @param horizonY image row of the horizon
 * @param vanishingX image column of the vanishing point of the street
 * @param focalX horizontal focal length in pixels
 * @param focalY vertical focal length in pixels
 * @param height height of the camera above the road
 */
public record Camera(
    double horizonY, double vanishingX, double focalX, double focalY, double height) {

  /** Image column of a world point. */
  public double x(double worldX, double worldZ) {
    return vanishingX + focalX * worldX / worldZ;
  }

  /** Image row of a world point. */
  public double y(double worldY, double worldZ) {
    return horizonY + focalY * (height - worldY) / worldZ;
  }

  /** Depth of the road point seen at an image row below the horizon. */
  public double groundDepth(double row) {
    return focalY * height / (row - horizonY);
  }
}

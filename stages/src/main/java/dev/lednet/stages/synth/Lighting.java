package dev.lednet.stages.synth;

import java.util.SplittableRandom;

/**
 * The light of one frame: overall exposure, white balance, which side of the street the sun is
 * on, how much haze, and how strong the sensor noise is.
 */
record Lighting(
    float gain,
    float red,
    float blue,
    float sunnyLeft,
    float sunnyRight,
    float visibility,
    float noise,
    boolean overcast) {

  static Lighting random(SplittableRandom random) {
    boolean overcast = random.nextDouble() < 0.4;
    float sun = overcast ? 1f : (float) random.nextDouble(1.05, 1.25);
    float shade = overcast ? 1f : (float) random.nextDouble(0.7, 0.9);
    boolean sunLeft = random.nextBoolean();
    return new Lighting(
        (float) random.nextDouble(0.75, 1.15),
        (float) random.nextDouble(0.95, 1.05),
        (float) random.nextDouble(0.95, 1.07),
        sunLeft ? sun : shade,
        sunLeft ? shade : sun,
        (float) random.nextDouble(250, 1500),
        (float) random.nextDouble(3, 9),
        overcast);
  }
}

package dev.lednet.pipelines.train;

import dev.lednet.stages.image.Resize;

/** The transforms {@code lednet train} applies to samples on the fly. */
public final class SampleTransforms {

  private SampleTransforms() {}

  /** The reference's validation transform: shorter side to {@code height}, nothing random. */
  public static SampleTransform resize(int height) {
    return (s, seed, draw) -> {
      int w = s.image().width();
      int h = s.image().height();
      int[] size = w <= h ? new int[] {height, (int) ((double) height * h / w)} : new int[] {(int) ((double) height * w / h), height};
      if (size[0] == w && size[1] == h) {
        return s;
      }
      return new TrainingSample(
          s.id(), Resize.bilinear(s.image(), size[0], size[1]), Resize.nearest(s.label(), size[0], size[1]));
    };
  }

  /** The reference's training transform (MyCoTransform). */
  public static SampleTransform reference(int height) {
    return resize(height);
  }
}

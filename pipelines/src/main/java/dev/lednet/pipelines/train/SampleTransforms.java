package dev.lednet.pipelines.train;

import dev.lednet.stages.augment.AugmentRecipe;
import dev.lednet.stages.augment.AugmentedPair;
import dev.lednet.stages.augment.SampleDraw;

/**
 * The transforms {@code lednet train} applies on the fly, built on {@code lednet augment}'s
 * recipe, so a sample drawn here equals the augment copy with the same seed, frame and index.
 */
public final class SampleTransforms {

  private SampleTransforms() {}

  /** The reference's validation transform: shorter side to {@code height}, nothing random. */
  public static SampleTransform resize(int height) {
    return of(AugmentRecipe.reference().withHeight(height).withFlip(false).withMaxTranslation(0));
  }

  /**
   * The reference's training transform ({@code MyCoTransform}): shorter side to {@code height},
   * mirror with p 0.5, shift by -2..2 pixels; exposed label pixels are void (the reference makes
   * some of them road).
   */
  public static SampleTransform reference(int height) {
    return of(AugmentRecipe.reference().withHeight(height));
  }

  public static SampleTransform of(AugmentRecipe recipe) {
    return (s, seed, draw) -> {
      SampleDraw d = recipe.draw(seed, s.id(), draw, s.image().width(), s.image().height());
      AugmentedPair p = AugmentRecipe.apply(s.image(), s.label(), d);
      return new TrainingSample(s.id(), p.image(), p.label());
    };
  }
}

package dev.lednet.pipelines.train;

/**
 * What happens to a sample before it is batched. {@code draw} tells repeated passes apart (the
 * epoch): the same sample, draw and seed always give the same output.
 */
public interface SampleTransform {

  TrainingSample apply(TrainingSample sample, long seed, int draw);
}

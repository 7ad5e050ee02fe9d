package dev.lednet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

/**
 * A segmentation network loaded for inference: NCHW float input (already normalised as {@link
 * #description()} says), NCHW class scores out. Implementations load weights once; {@link
 * #forward} may be called from several threads, each with its own input arrays.
 */
public interface Segmenter extends AutoCloseable {

  ModelDescription description();

  /** The device the weights live on; inputs are moved there. */
  Device device();

  /**
   * Class scores for a batch. The result belongs to {@code batch}'s manager, so closing that
   * manager frees everything the call made.
   */
  NDArray forward(NDArray batch);

  @Override
  void close();
}

package dev.lednet.stages.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.Segmenter;
import java.util.concurrent.Semaphore;

/**
 * Lets a fixed number of forward passes run at once on a model shared by a worker JVM's DoFn
 * threads. libtorch spreads each pass over its intra-op threads; more passes than cores divided by
 * those threads would put spinning OpenMP threads on the same cores, where they wait on each other.
 * The DoFn threads without a slot decode, resize and encode meanwhile.
 */
final class ForwardSlots implements Segmenter {

  private final Segmenter model;
  private final Semaphore slots;
  private final int count;

  ForwardSlots(Segmenter model, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one forward slot: " + count);
    }
    this.model = model;
    this.count = count;
    this.slots = new Semaphore(count, true);
  }

  /** How many passes may run at once. */
  int count() {
    return count;
  }

  @Override
  public ModelDescription description() {
    return model.description();
  }

  @Override
  public Device device() {
    return model.device();
  }

  @Override
  public NDArray forward(NDArray batch) {
    slots.acquireUninterruptibly();
    try {
      return model.forward(batch);
    } finally {
      slots.release();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}

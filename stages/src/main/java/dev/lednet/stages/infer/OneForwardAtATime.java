package dev.lednet.stages.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.Segmenter;

/**
 * Lets one forward pass run at a time per worker JVM. libtorch already spreads a pass over every
 * core; two passes at once (two DoFn threads) would run four OpenMP threads on two cores, where
 * spinning threads wait on each other. Serialised, the pass gets the cores while the other DoFn
 * threads decode, resize and encode.
 */
final class OneForwardAtATime implements Segmenter {

  private final Segmenter model;

  OneForwardAtATime(Segmenter model) {
    this.model = model;
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
  public synchronized NDArray forward(NDArray batch) {
    return model.forward(batch);
  }

  @Override
  public void close() {
    model.close();
  }
}

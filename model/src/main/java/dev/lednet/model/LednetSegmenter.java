package dev.lednet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.lednet.model.lednet.Lednet;

/**
 * The Java LEDNet ready for inference: parameters frozen (no autograd bookkeeping) and, unless
 * asked otherwise, BatchNorm folded into the convolutions.
 */
public final class LednetSegmenter implements Segmenter {

  private final ModelDescription description;
  private final Lednet net;
  private final NDManager manager;

  /** Takes ownership of {@code manager}, which holds {@code net}'s initialised parameters. */
  LednetSegmenter(ModelDescription description, Lednet net, NDManager manager, boolean foldBatchNorm) {
    this.description = description;
    this.net = net;
    this.manager = manager;
    net.freezeParameters(true);
    if (foldBatchNorm) {
      net.foldBatchNorm();
    }
    // From here on nothing may attach to the model's manager: a forward that did would grow the
    // native heap with every batch. Capping turns such a leak into an error at once.
    manager.cap();
  }

  @Override
  public ModelDescription description() {
    return description;
  }

  @Override
  public Device device() {
    return manager.getDevice();
  }

  public Lednet network() {
    return net;
  }

  @Override
  public NDArray forward(NDArray batch) {
    // Intermediate maps live in a scope closed on return; only the scores outlive the call.
    try (NDManager scope = NDManager.subManagerOf(batch)) {
      scope.tempAttachAll(batch);
      NDArray x = batch.getDevice().equals(device()) ? batch : batch.toDevice(device(), false);
      NDArray scores =
          net.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
      return scope.ret(scores);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}

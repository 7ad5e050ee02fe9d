package dev.lednet.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** libtorch's intra-op thread count for this JVM (it is process-wide in libtorch). */
public final class TorchThreads {

  private TorchThreads() {}

  public static int get() {
    Engine.getEngine("PyTorch");
    return JniUtils.getNumThreads();
  }

  public static void set(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
  }
}

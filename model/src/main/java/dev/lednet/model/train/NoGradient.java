package dev.lednet.model.train;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs work with libtorch's autograd recording off, as {@code torch.no_grad()} does. Grad mode is
 * per thread and on by default; DJL turns it off only on the thread that loaded the engine, so
 * code that may run on any thread (a test runner's, a Beam worker's) must say so itself.
 */
final class NoGradient {

  private NoGradient() {}

  static <T> T get(Supplier<T> work) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return work.get();
    } finally {
      JniUtils.setGradMode(was);
    }
  }

  static void run(Runnable work) {
    get(
        () -> {
          work.run();
          return null;
        });
  }
}

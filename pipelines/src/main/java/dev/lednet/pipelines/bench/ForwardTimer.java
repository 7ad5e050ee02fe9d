package dev.lednet.pipelines.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lednet.model.Segmenter;
import java.util.Arrays;

/**
 * Times forward passes the way the reference's {@code eval_forward_time.py} does: a fixed random
 * batch, warm-up passes discarded, then the time of each pass divided by the batch size. Every pass
 * runs in its own NDManager so native memory is released as a pipeline would release it.
 */
public final class ForwardTimer {

  private ForwardTimer() {}

  /** Per-image seconds of each timed pass. */
  public record Timings(double[] secondsPerImage) {

    public double median() {
      double[] s = secondsPerImage.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double min() {
      return Arrays.stream(secondsPerImage).min().orElse(Double.NaN);
    }
  }

  public static Timings time(Segmenter model, int batch, int height, int width, int warmup, int runs) {
    double[] seconds = new double[runs];
    try (NDManager manager = NDManager.newBaseManager(model.device())) {
      NDArray input = manager.randomUniform(0f, 1f, new Shape(batch, 3, height, width));
      for (int i = 0; i < warmup + runs; i++) {
        try (NDManager pass = manager.newSubManager()) {
          long start = System.nanoTime();
          NDArray scores = model.forward(input);
          scores.attach(pass);
          // Reading one value waits for an asynchronous device to finish.
          scores.get(0, 0, 0, 0).getFloat();
          long elapsed = System.nanoTime() - start;
          if (i >= warmup) {
            seconds[i - warmup] = elapsed / 1e9 / batch;
          }
        }
      }
    }
    return new Timings(seconds);
  }
}

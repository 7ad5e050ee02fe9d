package dev.lednet.pipelines.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lednet.model.Segmenter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

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

    /** The passes of several runs together. */
    public static Timings of(List<double[]> runs) {
      return new Timings(runs.stream().flatMapToDouble(Arrays::stream).toArray());
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
        long elapsed = pass(model, manager, input);
        if (i >= warmup) {
          seconds[i - warmup] = elapsed / 1e9 / batch;
        }
      }
    }
    return new Timings(seconds);
  }

  /** Frames per second of {@code passes} threads forwarding at once, each its own batch. */
  public record Throughput(int passes, int frames, double seconds) {
    public double framesPerSecond() {
      return frames / seconds;
    }
  }

  /**
   * Aggregate throughput of {@code passes} concurrent forward loops on one shared model (what a
   * worker JVM with that many forward slots sustains): every thread runs its warm-up passes, then
   * all start the timed ones together and the clock stops when the last finishes.
   */
  public static Throughput concurrent(
      Segmenter model, int passes, int batch, int height, int width, int warmup, int runs)
      throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(passes + 1);
    CountDownLatch done = new CountDownLatch(passes);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < passes; t++) {
      Runnable loop =
          () -> {
            // Every thread reaches the barrier once, failed or not, so none waits forever.
            boolean arrived = false;
            try (NDManager manager = NDManager.newBaseManager(model.device())) {
              NDArray input = manager.randomUniform(0f, 1f, new Shape(batch, 3, height, width));
              boolean warm = run(model, manager, input, warmup, failure);
              arrived = true;
              awaitQuietly(start);
              if (warm) {
                run(model, manager, input, runs, failure);
              }
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
              if (!arrived) {
                awaitQuietly(start);
              }
            } finally {
              done.countDown();
            }
          };
      new Thread(loop, "forward-" + t).start();
    }
    awaitQuietly(start);
    long begin = System.nanoTime();
    done.await();
    long elapsed = System.nanoTime() - begin;
    if (failure.get() != null) {
      throw new IllegalStateException("a forward pass failed", failure.get());
    }
    return new Throughput(passes, passes * runs * batch, elapsed / 1e9);
  }

  private static boolean run(
      Segmenter model, NDManager manager, NDArray input, int passes, AtomicReference<Throwable> failure) {
    try {
      for (int i = 0; i < passes; i++) {
        pass(model, manager, input);
      }
      return true;
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      return false;
    }
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BrokenBarrierException e) {
      // Only an interrupted party breaks it; its failure is reported by done.await().
    }
  }

  /** One pass in its own scope; nanoseconds until its scores are readable. */
  private static long pass(Segmenter model, NDManager manager, NDArray input) {
    try (NDManager pass = manager.newSubManager()) {
      long start = System.nanoTime();
      NDArray scores = model.forward(input);
      scores.attach(pass);
      // Reading one value waits for an asynchronous device to finish.
      scores.get(0, 0, 0, 0).getFloat();
      return System.nanoTime() - start;
    }
  }
}

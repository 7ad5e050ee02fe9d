package dev.lednet.stages.image;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times {@link Resize} on a Cityscapes-like frame ({@link BenchmarkFrames}) at the reference's
 * test-time size, 2048x1024 to 1024x512: the photo bilinear, as bytes and as CHW floats, and the
 * label map nearest. Run {@code main} with width, height, output width, output height and
 * iterations, all optional.
 */
public final class ResizeBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ResizeBenchmark() {}

  public static void main(String[] args) {
    int[] n = Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    int width = n.length > 0 ? n[0] : 2048;
    int height = n.length > 1 ? n[1] : 1024;
    int outWidth = n.length > 2 ? n[2] : width / 2;
    int outHeight = n.length > 3 ? n[3] : height / 2;
    int iterations = n.length > 4 ? n[4] : 50;
    List<Raster> frames = BenchmarkFrames.all(width, height);
    Raster labels = frames.get(0);
    Raster photo = frames.get(2);
    System.out.printf(Locale.ROOT, "Resize %dx%d -> %dx%d, median thread CPU time of %d runs; %s %s%n",
        width, height, outWidth, outHeight, iterations, System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    report("bilinear RGB8", iterations, () -> Resize.bilinear(photo, outWidth, outHeight).bytes()[0]);
    report("nearest GRAY8", iterations, () -> Resize.nearest(labels, outWidth, outHeight).bytes()[0]);
  }

  private static void report(String what, int iterations, Supplier<Object> work) {
    Object sink = null;
    for (int i = 0; i < Math.max(5, iterations / 2); i++) {
      sink = work.get();
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = THREADS.getCurrentThreadCpuTime();
      sink = work.get();
      millis[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "%-28s %8.2f ms (min %.2f, max %.2f)%s%n",
        what, millis[iterations / 2], millis[0], millis[iterations - 1], sink == null ? "?" : "");
  }
}

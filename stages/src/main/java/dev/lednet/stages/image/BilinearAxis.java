package dev.lednet.stages.image;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pillow 9.4.0's bilinear resampling weights along one axis, in its 8-bit fixed point: for each
 * output position the first source position it reads and the weights of that position and the
 * following ones, scaled by 2^22. When shrinking, the triangle filter is widened by the scale
 * (antialiasing), so a 2x reduction takes 4 taps. Tables are cached per (source size, output
 * size) pair, since a dataset resizes every frame between the same two sizes.
 */
final class BilinearAxis {

  /** Pillow's PRECISION_BITS for 8-bit images: 32 - 8 - 2. */
  static final int PRECISION_BITS = 22;

  /** The rounding constant every weighted sum starts from. */
  static final int HALF = 1 << (PRECISION_BITS - 1);

  private static final int MAX_CACHED = 64;
  private static final Map<Long, BilinearAxis> CACHE = new ConcurrentHashMap<>();

  final int outSize;
  /**
   * Taps per output position, the same for all: positions with fewer taps (near the edges) get
   * zero weights, and their first tap moves left so that all taps stay inside the source. Adding
   * zeros changes no sum, and a fixed count keeps the inner loops short and branch-free.
   */
  final int taps;
  /** The source position of each output position's first tap. */
  final int[] first;
  /** {@link #taps} weights per output position, scaled by 2^22. */
  final int[] weights;

  private BilinearAxis(int inSize, int outSize) {
    this.outSize = outSize;
    // Each step below mirrors precompute_coeffs and normalize_coeffs_8bpc in double arithmetic,
    // in the same order, so that every weight rounds to the same integer as in Pillow.
    double scale = (double) inSize / outSize;
    double filterScale = scale < 1.0 ? 1.0 : scale;
    double support = filterScale; // the triangle's support, 1, times the scale
    double inverse = 1.0 / filterScale;
    double[][] kernels = new double[outSize][];
    int[] starts = new int[outSize];
    int most = 0;
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      int min = Math.max(0, (int) (center - support + 0.5));
      int n = Math.min(inSize, (int) (center + support + 0.5)) - min;
      double[] k = new double[n];
      double sum = 0.0;
      for (int x = 0; x < n; x++) {
        k[x] = triangle((x + min - center + 0.5) * inverse);
        sum += k[x];
      }
      for (int x = 0; x < n; x++) {
        if (sum != 0.0) {
          k[x] /= sum;
        }
      }
      kernels[xx] = k;
      starts[xx] = min;
      most = Math.max(most, n);
    }
    this.taps = most;
    this.first = new int[outSize];
    this.weights = new int[outSize * most];
    for (int xx = 0; xx < outSize; xx++) {
      double[] k = kernels[xx];
      first[xx] = Math.min(starts[xx], inSize - most);
      int at = xx * most + starts[xx] - first[xx];
      for (int x = 0; x < k.length; x++) {
        weights[at + x] = (int) (k[x] < 0 ? -0.5 + k[x] * (1 << PRECISION_BITS) : 0.5 + k[x] * (1 << PRECISION_BITS));
      }
    }
  }

  static BilinearAxis of(int inSize, int outSize) {
    long key = (long) inSize << 32 | outSize;
    BilinearAxis axis = CACHE.get(key);
    if (axis == null) {
      if (CACHE.size() >= MAX_CACHED) {
        // Only a job that meets many sizes gets here; recomputing costs far less than one image.
        CACHE.clear();
      }
      axis = CACHE.computeIfAbsent(key, k -> new BilinearAxis(inSize, outSize));
    }
    return axis;
  }

  /** The first source position any output position reads. */
  int firstUsed() {
    return first[0];
  }

  /** One past the last source position any output position reads. */
  int endUsed() {
    return first[outSize - 1] + taps;
  }

  /** A fixed-point sum as an 8-bit sample, clipped as Pillow's clip8 does. */
  static byte clip8(int sum) {
    int v = sum >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  private static double triangle(double x) {
    double d = x < 0.0 ? -x : x;
    return d < 1.0 ? 1.0 - d : 0.0;
  }
}

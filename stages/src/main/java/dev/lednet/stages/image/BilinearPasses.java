package dev.lednet.stages.image;

import java.util.Arrays;

/**
 * The two passes of Pillow's 8-bit resampling over interleaved samples: along rows, then along
 * columns, each rounding to 8 bits, in int arithmetic only. Every weighted sum starts from
 * {@link BilinearAxis#HALF} and is clipped by {@link BilinearAxis#clip8}, as in Pillow.
 */
final class BilinearPasses {

  private BilinearPasses() {}

  /**
   * Resamples rows {@code firstRow} to {@code firstRow + rowCount - 1} of {@code in} along the
   * row; the result holds those rows only.
   */
  static byte[] horizontal(byte[] in, int inWidth, int channels, int firstRow, int rowCount, BilinearAxis axis) {
    byte[] out = new byte[axis.outSize * rowCount * channels];
    for (int y = 0; y < rowCount; y++) {
      int from = (firstRow + y) * inWidth * channels;
      int to = y * axis.outSize * channels;
      if (channels == 1) {
        grayRow(in, from, out, to, axis);
      } else if (axis.taps == 4) {
        rgbRowOfFourTaps(in, from, out, to, axis);
      } else {
        rgbRow(in, from, out, to, axis);
      }
    }
    return out;
  }

  /**
   * Resamples along columns rows of {@code rowBytes} samples, the first of {@code in} being source
   * row {@code firstRow}. Sums run along a whole row, one tap after the other: integer sums do not
   * depend on the order, and this one reads memory sequentially.
   */
  static byte[] vertical(byte[] in, int rowBytes, int firstRow, BilinearAxis axis) {
    byte[] out = new byte[rowBytes * axis.outSize];
    int[] sums = new int[rowBytes];
    for (int yy = 0; yy < axis.outSize; yy++) {
      Arrays.fill(sums, BilinearAxis.HALF);
      for (int t = 0; t < axis.taps; t++) {
        int k = axis.weights[yy * axis.taps + t];
        int row = (axis.first[yy] + t - firstRow) * rowBytes;
        for (int i = 0; i < rowBytes; i++) {
          sums[i] += (in[row + i] & 0xff) * k;
        }
      }
      int o = yy * rowBytes;
      for (int i = 0; i < rowBytes; i++) {
        out[o + i] = BilinearAxis.clip8(sums[i]);
      }
    }
    return out;
  }

  private static void grayRow(byte[] in, int from, byte[] out, int to, BilinearAxis axis) {
    int taps = axis.taps;
    for (int xx = 0; xx < axis.outSize; xx++) {
      int sum = BilinearAxis.HALF;
      int at = from + axis.first[xx];
      for (int w = xx * taps, end = w + taps; w < end; w++, at++) {
        sum += (in[at] & 0xff) * axis.weights[w];
      }
      out[to++] = BilinearAxis.clip8(sum);
    }
  }

  private static void rgbRow(byte[] in, int from, byte[] out, int to, BilinearAxis axis) {
    int taps = axis.taps;
    for (int xx = 0; xx < axis.outSize; xx++) {
      int r = BilinearAxis.HALF;
      int g = BilinearAxis.HALF;
      int b = BilinearAxis.HALF;
      int at = from + axis.first[xx] * 3;
      for (int w = xx * taps, end = w + taps; w < end; w++, at += 3) {
        int k = axis.weights[w];
        r += (in[at] & 0xff) * k;
        g += (in[at + 1] & 0xff) * k;
        b += (in[at + 2] & 0xff) * k;
      }
      out[to++] = BilinearAxis.clip8(r);
      out[to++] = BilinearAxis.clip8(g);
      out[to++] = BilinearAxis.clip8(b);
    }
  }

  /**
   * {@link #rgbRow} unrolled for four taps, the count of every halving (2048x1024 frames to the
   * reference's 1024x512): the JIT does not unroll a loop this short, and unrolled the whole
   * resize takes about a fifth less time.
   */
  private static void rgbRowOfFourTaps(byte[] in, int from, byte[] out, int to, BilinearAxis axis) {
    int[] weights = axis.weights;
    for (int xx = 0; xx < axis.outSize; xx++) {
      int at = from + axis.first[xx] * 3;
      int w = xx * 4;
      int k0 = weights[w];
      int k1 = weights[w + 1];
      int k2 = weights[w + 2];
      int k3 = weights[w + 3];
      int r = BilinearAxis.HALF
          + (in[at] & 0xff) * k0 + (in[at + 3] & 0xff) * k1 + (in[at + 6] & 0xff) * k2 + (in[at + 9] & 0xff) * k3;
      int g = BilinearAxis.HALF
          + (in[at + 1] & 0xff) * k0 + (in[at + 4] & 0xff) * k1 + (in[at + 7] & 0xff) * k2 + (in[at + 10] & 0xff) * k3;
      int b = BilinearAxis.HALF
          + (in[at + 2] & 0xff) * k0 + (in[at + 5] & 0xff) * k1 + (in[at + 8] & 0xff) * k2 + (in[at + 11] & 0xff) * k3;
      out[to++] = BilinearAxis.clip8(r);
      out[to++] = BilinearAxis.clip8(g);
      out[to++] = BilinearAxis.clip8(b);
    }
  }
}

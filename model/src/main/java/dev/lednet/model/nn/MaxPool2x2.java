package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * {@code nn.MaxPool2d(2, stride=2)} of NCHW maps (odd rows and columns dropped, NaN propagated).
 * Outside training it is the element-wise maximum of the four strided views of each 2x2 window:
 * the same numbers, in half the time of libtorch's {@code max_pool2d}, which also computes the
 * argmax indices its backward pass needs. Training keeps {@code max_pool2d}, whose gradient goes
 * to the first maximum of a window as PyTorch's does.
 */
public final class MaxPool2x2 {

  private MaxPool2x2() {}

  public static NDArray apply(NDArray x, boolean training) {
    if (training) {
      return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }
    long rows = x.getShape().get(2) / 2 * 2;
    long columns = x.getShape().get(3) / 2 * 2;
    NDArray top = corner(x, 0, 0, rows, columns).maximum(corner(x, 0, 1, rows, columns));
    NDArray bottom = corner(x, 1, 0, rows, columns).maximum(corner(x, 1, 1, rows, columns));
    return top.maximum(bottom);
  }

  /** The view of every window's element at ({@code dy}, {@code dx}). */
  private static NDArray corner(NDArray x, int dy, int dx, long rows, long columns) {
    return x.get(new NDIndex(":, :, {}:{}:2, {}:{}:2", dy, rows, dx, columns));
  }
}

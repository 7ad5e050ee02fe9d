package dev.lednet.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the channels of NCHW input with PyTorch's {@code nn.BatchNorm2d}
 * names and semantics: running statistics updated with momentum 0.1 in training, used in
 * inference.
 */
public final class BatchNorm2d extends NamedBlock {

  /** PyTorch's momentum 0.1 is DJL's 0.9 (DJL weighs the old running value). */
  private static final float DJL_MOMENTUM = 0.9f;

  private final int channels;
  private final float epsilon;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;

  public BatchNorm2d(int channels, float epsilon) {
    this.channels = channels;
    this.epsilon = epsilon;
    Shape shape = new Shape(channels);
    gamma = addParameter(param("weight", Parameter.Type.GAMMA, shape, Initializer.ONES));
    beta = addParameter(param("bias", Parameter.Type.BETA, shape, Initializer.ZEROS));
    runningMean =
        addParameter(param("running_mean", Parameter.Type.RUNNING_MEAN, shape, Initializer.ZEROS));
    runningVar =
        addParameter(param("running_var", Parameter.Type.RUNNING_VAR, shape, Initializer.ONES));
  }

  private static Parameter param(String name, Parameter.Type type, Shape shape, Initializer init) {
    return Parameter.builder()
        .setName(name)
        .setType(type)
        .optShape(shape)
        .optInitializer(init)
        .build();
  }

  public int channels() {
    return channels;
  }

  public float epsilon() {
    return epsilon;
  }

  /**
   * The per-channel affine map this layer applies in inference, {@code y = x * scale + shift},
   * computed in float64 then rounded, for folding into a preceding convolution.
   */
  public NDArray[] inferenceScaleShift() {
    NDArray var = runningVar.getArray().toType(DataType.FLOAT64, false);
    NDArray scale =
        gamma.getArray().toType(DataType.FLOAT64, false).div(var.add(epsilon).sqrt());
    NDArray shift =
        beta.getArray()
            .toType(DataType.FLOAT64, false)
            .sub(runningMean.getArray().toType(DataType.FLOAT64, false).mul(scale));
    return new NDArray[] {scale, shift};
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    // Axis -1 hands the call straight to torch.batch_norm, which normalises dim 1 of NCHW.
    return BatchNorm.batchNorm(
        x,
        ps.getValue(runningMean, x.getDevice(), training),
        ps.getValue(runningVar, x.getDevice(), training),
        ps.getValue(gamma, x.getDevice(), training),
        ps.getValue(beta, x.getDevice(), training),
        -1,
        DJL_MOMENTUM,
        epsilon,
        training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}

package dev.lednet.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's {@code torch.optim.Adam} (not AdamW): weight decay is added to the gradient as an L2
 * term, the moments are bias-corrected, and {@code eps} is added after the corrected square root.
 * Written here rather than taken from DJL because its state (step and both moments) must be saved
 * in a checkpoint and restored so that a resumed run continues exactly.
 */
public final class Adam implements AutoCloseable {

  private final Map<String, Parameter> parameters;
  // Doubles, as PyTorch's hyper-parameters are Python floats: 1 - 0.999f in float is 1.3e-5 off.
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private final NDManager state;
  private long step;

  private Adam(
      Map<String, Parameter> parameters,
      NDManager manager,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay) {
    this.parameters = new LinkedHashMap<>(parameters);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.state = manager.newSubManager();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      NDArray p = e.getValue().getArray();
      firstMoments.put(e.getKey(), state.zeros(p.getShape(), p.getDataType()));
      secondMoments.put(e.getKey(), state.zeros(p.getShape(), p.getDataType()));
    }
  }

  /** The reference LEDNet recipe: betas (0.9, 0.999), eps 1e-8, weight decay 1e-4. */
  public static Adam lednetRecipe(Map<String, Parameter> parameters, NDManager manager) {
    return new Adam(parameters, manager, 0.9, 0.999, 1e-8, 1e-4);
  }

  public static Adam create(
      Map<String, Parameter> parameters,
      NDManager manager,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay) {
    return new Adam(parameters, manager, beta1, beta2, epsilon, weightDecay);
  }

  /** Steps taken so far. */
  public long step() {
    return step;
  }

  /** The parameters this optimizer updates, by state_dict key. */
  public Map<String, Parameter> parameters() {
    return parameters;
  }

  /**
   * Applies one update with learning rate {@code lr} from the gradients backward left on the
   * parameters, then zeroes them. Must run with autograd recording off.
   */
  public void update(float lr) {
    NoGradient.run(() -> apply(lr));
  }

  private void apply(float lr) {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, step));
    float stepSize = (float) (lr / correction1);
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      NDArray weight = e.getValue().getArray();
      try (NDManager scope = state.newSubManager()) {
        // An operation's result belongs to its receiver's manager: weight.mul(...) or m.div(...)
        // would leave one array per parameter per step on the model's or the state's manager.
        // The receivers join this scope for the update, and the gradient handle (a new one from
        // each getGradient()) closes with it.
        NDArray m = firstMoments.get(e.getKey());
        NDArray v = secondMoments.get(e.getKey());
        scope.tempAttachAll(weight, m, v);
        NDArray grad = weight.getGradient();
        scope.attachAll(grad);
        NDArray g = weightDecay == 0 ? grad : grad.add(weight.mul((float) weightDecay));
        m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        v.muli((float) beta2).addi(g.mul(g).muli((float) (1 - beta2)));
        NDArray denominator = v.sqrt().divi((float) sqrtCorrection2).addi((float) epsilon);
        weight.subi(m.div(denominator).muli(stepSize));
      }
    }
    zero();
  }

  /**
   * Zeroes the accumulated gradients without updating, e.g. after a step whose loss was not finite
   * (multiplying by 0 would keep NaNs).
   */
  public void zeroGradients() {
    NoGradient.run(this::zero);
  }

  private void zero() {
    for (Parameter p : parameters.values()) {
      NDArray weight = p.getArray();
      if (weight instanceof PtNDArray torch) {
        JniUtils.zeroGrad(torch);
      } else {
        try (NDArray grad = weight.getGradient()) {
          grad.subi(grad);
        }
      }
    }
  }

  /**
   * The optimizer state as tensors: {@code step}, {@code exp_avg.<key>} and {@code
   * exp_avg_sq.<key>}, PyTorch's names for the two moments.
   */
  public StateDict exportState() {
    StateDict.Builder out = StateDict.builder();
    out.put("step", TensorData.ofLongs(new long[0], step));
    for (String key : parameters.keySet()) {
      out.put("exp_avg." + key, tensor(firstMoments.get(key)));
      out.put("exp_avg_sq." + key, tensor(secondMoments.get(key)));
    }
    return out.build();
  }

  /** Restores what {@link #exportState} wrote; every moment must be present with its shape. */
  public void importState(StateDict saved, String source) {
    for (String key : parameters.keySet()) {
      for (String name : new String[] {"exp_avg." + key, "exp_avg_sq." + key}) {
        if (!saved.contains(name)) {
          throw new IllegalArgumentException(source + ": optimizer state lacks " + name);
        }
        long[] expected = parameters.get(key).getArray().getShape().getShape();
        if (!java.util.Arrays.equals(saved.get(name).shape(), expected)) {
          throw new IllegalArgumentException(
              source + ": optimizer state " + name + " has the wrong shape");
        }
      }
    }
    if (!saved.contains("step")) {
      throw new IllegalArgumentException(source + ": optimizer state lacks step");
    }
    step = saved.get("step").toLongs()[0];
    NoGradient.run(
        () -> {
          for (String key : parameters.keySet()) {
            firstMoments.get(key).set(saved.get("exp_avg." + key).toFloats());
            secondMoments.get(key).set(saved.get("exp_avg_sq." + key).toFloats());
          }
        });
  }

  private static TensorData tensor(NDArray a) {
    return TensorData.ofFloats(a.getShape().getShape(), a.toFloatArray());
  }

  @Override
  public void close() {
    state.close();
  }
}

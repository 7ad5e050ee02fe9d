package dev.lednet.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.lednet.model.weights.StateDict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values from {@code torch.optim.Adam([p], 5e-2, (0.9, 0.999), eps=1e-8,
 * weight_decay=1e-4)} in PyTorch 1.13.1 (Debian's python3-torch): p = [0.5, -1.25, 2, 0], three
 * steps with the gradients and learning rates below set by hand.
 */
class AdamTest {

  static final float[][] GRADIENTS = {{0.1f, -0.2f, 0.3f, 0f}, {1f, 0.5f, -0.25f, 2f}, {-0.3f, 0f, 0.7f, -1.5f}};
  static final float[] RATES = {5e-2f, 4e-2f, 3e-2f};
  static final float[][] PYTORCH_WEIGHTS = {
    {0.450000018f, -1.20000005f, 1.95000005f, 0.0f},
    {0.41771543f, -1.21767795f, 1.94844663f, -0.0297654718f},
    {0.405264229f, -1.22792244f, 1.9312681f, -0.0320659131f}
  };

  @Test
  void threeStepsEqualPytorchAdamWithL2WeightDecay() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = parameter(m);
      try (Adam adam = Adam.create(Map.of("w", p), m, 0.9, 0.999, 1e-8, 1e-4)) {
        for (int s = 0; s < 3; s++) {
          backward(p.getArray(), GRADIENTS[s]);
          adam.update(RATES[s]);
          assertArrayEquals(PYTORCH_WEIGHTS[s], p.getArray().toFloatArray(), 2e-7f, "step " + (s + 1));
        }
        StateDict state = adam.exportState();
        assertArrayEquals(
            new float[] {0.0681122765f, 0.0287668966f, 0.0718532354f, 0.029999692f},
            state.get("exp_avg.w").toFloats(),
            5e-8f);
        assertArrayEquals(
            new float[] {0.00109905482f, 0.000289600139f, 0.000642552855f, 0.00624600938f},
            state.get("exp_avg_sq.w").toFloats(),
            1e-9f);
        assertEquals(3L, state.get("step").toLongs()[0]);
      }
    }
  }

  @Test
  void restoredStateContinuesExactlyAsTheOriginal() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter a = parameter(m);
      Parameter b = parameter(m);
      try (Adam first = Adam.create(Map.of("w", a), m, 0.9, 0.999, 1e-8, 1e-4);
          Adam second = Adam.create(Map.of("w", b), m, 0.9, 0.999, 1e-8, 1e-4)) {
        backward(a.getArray(), GRADIENTS[0]);
        first.update(RATES[0]);
        b.getArray().set(a.getArray().toFloatArray());
        second.importState(first.exportState(), "test");
        for (int s = 1; s < 3; s++) {
          backward(a.getArray(), GRADIENTS[s]);
          first.update(RATES[s]);
          backward(b.getArray(), GRADIENTS[s]);
          second.update(RATES[s]);
        }
        assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray(), 0f);
      }
    }
  }

  private static Parameter parameter(NDManager m) {
    Parameter p =
        Parameter.builder()
            .setName("w")
            .setType(Parameter.Type.WEIGHT)
            .optArray(m.create(new float[] {0.5f, -1.25f, 2f, 0f}))
            .build();
    p.getArray().setRequiresGradient(true);
    return p;
  }

  /** Leaves exactly {@code gradient} on {@code weight}: d(sum(w * g))/dw = g. */
  private static void backward(NDArray weight, float[] gradient) {
    try (NDManager scope = weight.getManager().newSubManager();
        GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
      c.backward(weight.mul(scope.create(gradient)).sum());
    }
  }
}

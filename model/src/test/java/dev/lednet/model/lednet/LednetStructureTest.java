package dev.lednet.model.lednet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LednetStructureTest {

  @Test
  void parameterCountsMatchTheReferenceNet20() {
    Map<String, Parameter> p = Lednet.create(20, DecoderMode.REFERENCE).stateDictParameters();
    assertEquals(925_663, Lednet.countLearnable(p, null));
    assertEquals(923_083, Lednet.countLearnable(p, "encoder.output_conv."));
  }

  @Test
  void parameterNamesAreTheReferenceStateDictKeys() {
    Map<String, Parameter> p = Lednet.create(20, DecoderMode.REFERENCE).stateDictParameters();
    assertEquals(new Shape(64, 64, 3, 1), p.get("encoder.layers.7.conv3x1_2_l.weight").getShape());
    assertEquals(new Shape(1), p.get("decoder.apn.down1.conv.1.running_var").getShape());
    assertEquals(new Shape(29, 3, 3, 3), p.get("encoder.initial_block.conv.weight").getShape());
    assertEquals(new Shape(20, 128, 1, 1), p.get("decoder.apn.branch1.1.conv.0.weight").getShape());
    assertEquals(new Shape(1, 1, 3, 3), p.get("decoder.apn.down3.1.conv.0.weight").getShape());
    assertEquals("encoder.initial_block.conv.weight", p.keySet().iterator().next());
  }

  @Test
  void foldedBatchNormGivesTheSameScores() {
    try (NDManager m = NDManager.newBaseManager()) {
      Lednet net = withRandomisedBatchNorm(m);
      NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 64, 128));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray plain = net.forward(ps, new NDList(x), false).singletonOrThrow();
      net.foldBatchNorm();
      NDArray folded = net.forward(ps, new NDList(x), false).singletonOrThrow();
      assertEquals(new Shape(2, 20, 64, 128), folded.getShape());
      float diff = plain.sub(folded).abs().max().getFloat();
      assertTrue(diff < 1e-4, "max difference " + diff);
    }
  }

  @Test
  void aBatchScoresEachImageAsItScoresAlone() {
    // A batch of one takes the units' channel halves as views, larger batches copy them.
    try (NDManager m = NDManager.newBaseManager()) {
      Lednet net = withRandomisedBatchNorm(m);
      NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 64, 128));
      ParameterStore ps = new ParameterStore(m, false);
      for (boolean fold : new boolean[] {false, true}) {
        if (fold) {
          net.foldBatchNorm();
        }
        NDArray both = net.forward(ps, new NDList(x), false).singletonOrThrow();
        for (int i = 0; i < 2; i++) {
          NDArray one = net.forward(ps, new NDList(x.get(i).expandDims(0)), false).singletonOrThrow();
          float diff = both.get(i).sub(one.get(0)).abs().max().getFloat();
          assertTrue(diff < 1e-5, "image " + i + (fold ? " (folded)" : "") + ": max difference " + diff);
        }
      }
    }
  }

  @Test
  void inputModeAcceptsAnySizeAndCropsBack() {
    try (NDManager m = NDManager.newBaseManager()) {
      Lednet net = Lednet.create(20, DecoderMode.INPUT);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      NDArray x = m.randomUniform(0f, 1f, new Shape(1, 3, 50, 70));
      NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertEquals(new Shape(1, 20, 50, 70), y.getShape());
      assertEquals(new Shape(1, 20, 50, 70), net.getOutputShapes(new Shape[] {x.getShape()})[0]);
    }
  }

  /** A 64x128 LEDNet whose BatchNorm statistics and affine terms are random, so BN mistakes show. */
  private static Lednet withRandomisedBatchNorm(NDManager m) {
    Lednet net = Lednet.create(20, DecoderMode.INPUT);
    net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 128));
    randomiseBatchNorm(net, m);
    return net;
  }

  static void randomiseBatchNorm(Lednet net, NDManager m) {
    for (Map.Entry<String, Parameter> e : net.stateDictParameters().entrySet()) {
      NDArray a = e.getValue().getArray();
      Shape s = a.getShape();
      switch (e.getValue().getType()) {
        case RUNNING_MEAN -> a.set(m.randomNormal(0f, 0.5f, s, DataType.FLOAT32).toFloatArray());
        case RUNNING_VAR -> a.set(m.randomUniform(0.5f, 2f, s).toFloatArray());
        case GAMMA -> a.set(m.randomUniform(0.5f, 1.5f, s).toFloatArray());
        case BETA -> a.set(m.randomNormal(0f, 0.2f, s, DataType.FLOAT32).toFloatArray());
        default -> {}
      }
    }
  }
}

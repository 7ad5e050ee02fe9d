package dev.lednet.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lednet.model.MallocTuning;
import dev.lednet.model.lednet.Lednet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training phase of a LEDNet: forward in training mode (batch statistics, channel dropout),
 * the class-weighted loss, backward, and an {@link Adam} step over the parameters the phase uses.
 * Each step's arrays live in a manager closed when the step returns, so memory stays flat over an
 * epoch.
 */
public final class LednetTrainer implements AutoCloseable {

  private final Lednet net;
  private final NDManager manager;
  private final TrainingPhase phase;
  private final WeightedCrossEntropy loss;
  private final Adam adam;
  private final ParameterStore store;

  private LednetTrainer(Lednet net, NDManager manager, TrainingPhase phase, ClassWeights weights) {
    if (weights.outputs() != net.classes()) {
      throw new IllegalArgumentException(
          "the network has " + net.classes() + " outputs but " + weights.outputs() + " class weights");
    }
    MallocTuning.prepareFor(manager.getDevice());
    this.net = net;
    this.manager = manager;
    this.phase = phase;
    this.loss = new WeightedCrossEntropy(weights);
    net.unfoldBatchNorm();
    Map<String, Parameter> trained = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : net.stateDictParameters().entrySet()) {
      Parameter.Type type = e.getValue().getType();
      boolean learnable = type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR;
      boolean train = learnable && phase.trains(e.getKey());
      e.getValue().getArray().setRequiresGradient(train);
      if (train) {
        trained.put(e.getKey(), e.getValue());
      }
    }
    this.adam = Adam.lednetRecipe(trained, manager);
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Trains the initialised {@code net}, whose parameters live in {@code manager}, in {@code
   * phase} with a fresh optimizer.
   */
  public static LednetTrainer start(
      Lednet net, NDManager manager, TrainingPhase phase, ClassWeights weights) {
    return new LednetTrainer(net, manager, phase, weights);
  }

  public TrainingPhase phase() {
    return phase;
  }

  public Adam optimizer() {
    return adam;
  }

  public Lednet network() {
    return net;
  }

  /**
   * One optimisation step with learning rate {@code lr}; returns the batch's loss. A batch whose
   * loss is not finite changes nothing (its gradients are dropped) and returns that loss, so one
   * numerical accident does not turn every weight into NaN.
   */
  public float step(TrainingBatch batch, float lr) {
    float value;
    try (NDManager scope = manager.newSubManager()) {
      NDArray images = images(scope, batch);
      NDArray labels = labels(scope, batch);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray l = loss.loss(forward(images, true), labels);
        collector.backward(l);
        value = l.getFloat();
      }
      if (Float.isFinite(value)) {
        adam.update(lr);
      } else {
        adam.zeroGradients();
      }
    }
    return value;
  }

  /** The loss and the arg-max class of every label pixel, in inference mode. */
  public Evaluation evaluate(TrainingBatch batch) {
    return NoGradient.get(() -> evaluateWithoutGradients(batch));
  }

  private Evaluation evaluateWithoutGradients(TrainingBatch batch) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray scores = forward(images(scope, batch), false);
      float value = loss.loss(scores, labels(scope, batch)).getFloat();
      int[] predicted = scores.argMax(1).toType(DataType.INT32, false).toIntArray();
      return new Evaluation(value, predicted);
    }
  }

  /** A batch's loss and per-pixel predictions (class indices, void last). */
  public record Evaluation(float loss, int[] predictions) {}

  private NDArray forward(NDArray images, boolean training) {
    NDList in = new NDList(images);
    NDList out =
        phase == TrainingPhase.ENCODER
            ? net.forwardEncoderOnly(store, in, training, null)
            : net.forward(store, in, training);
    return out.singletonOrThrow();
  }

  private NDArray images(NDManager scope, TrainingBatch b) {
    return scope
        .create(b.pixels(), new Shape(b.size(), 3, b.height(), b.width()))
        .toDevice(manager.getDevice(), false);
  }

  private NDArray labels(NDManager scope, TrainingBatch b) {
    if (b.height() != b.labelHeight() * phase.labelDivisor()
        || b.width() != b.labelWidth() * phase.labelDivisor()) {
      throw new IllegalArgumentException(
          String.format(
              "the %s phase needs labels of 1/%d the input size: input %dx%d, labels %dx%d",
              phase.label(), phase.labelDivisor(), b.width(), b.height(), b.labelWidth(), b.labelHeight()));
    }
    return scope
        .create(b.labels(), new Shape(b.size(), 1, b.labelHeight(), b.labelWidth()))
        .toDevice(manager.getDevice(), false);
  }

  /** Stops gradient bookkeeping on the parameters and frees the optimizer state. */
  @Override
  public void close() {
    for (Parameter p : adam.parameters().values()) {
      p.getArray().setRequiresGradient(false);
    }
    adam.close();
  }
}

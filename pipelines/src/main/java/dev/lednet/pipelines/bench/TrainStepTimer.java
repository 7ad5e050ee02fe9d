package dev.lednet.pipelines.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.lednet.DecoderMode;
import dev.lednet.model.lednet.Lednet;
import dev.lednet.model.train.ClassWeights;
import dev.lednet.model.train.LednetTrainer;
import dev.lednet.model.train.TrainingBatch;
import dev.lednet.model.train.TrainingPhase;
import java.util.SplittableRandom;

/**
 * Times whole training steps (forward in training mode, loss, backward, Adam) of LEDNet on one
 * random batch, per image, as a PyTorch timing loop would.
 */
public final class TrainStepTimer {

  private TrainStepTimer() {}

  public static ForwardTimer.Timings time(
      Device device, TrainingPhase phase, int batch, int height, int width, int warmup, int runs) {
    SplittableRandom random = new SplittableRandom(1);
    float[] pixels = new float[batch * 3 * height * width];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    int lh = height / phase.labelDivisor();
    int lw = width / phase.labelDivisor();
    long[] labels = new long[batch * lh * lw];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(20);
    }
    TrainingBatch b = new TrainingBatch(batch, height, width, pixels, lh, lw, labels);
    double[] seconds = new double[runs];
    try (NDManager manager = NDManager.newBaseManager(device)) {
      Lednet net = ModelFiles.initialisedLednet(1, DecoderMode.INPUT, manager);
      try (LednetTrainer trainer =
          LednetTrainer.start(net, manager, phase, ClassWeights.reference(phase == TrainingPhase.ENCODER))) {
        for (int i = 0; i < warmup + runs; i++) {
          long start = System.nanoTime();
          // The loss is read back inside step, which waits for an asynchronous device.
          trainer.step(b, 5e-4f);
          if (i >= warmup) {
            seconds[i - warmup] = (System.nanoTime() - start) / 1e9 / batch;
          }
        }
      }
    }
    return new ForwardTimer.Timings(seconds);
  }
}

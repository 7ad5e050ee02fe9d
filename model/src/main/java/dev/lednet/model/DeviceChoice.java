package dev.lednet.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** {@code --device auto|cpu|gpu}: auto takes the first GPU the PyTorch engine sees, else the CPU. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  public static DeviceChoice parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, not '" + text + "'", e);
    }
  }

  public Device resolve() {
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException(
              "--device gpu: the PyTorch engine sees no GPU (this build carries the CPU libtorch;"
                  + " a GPU worker needs the CUDA one)");
        }
        yield Device.gpu();
      }
    };
  }
}

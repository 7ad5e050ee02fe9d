package dev.lednet.stages.infer;

import com.google.auto.value.AutoValue;
import dev.lednet.model.DeviceChoice;
import dev.lednet.model.lednet.DecoderMode;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which model a pipeline runs and how: where it is (local path or {@code gs://}), on which device,
 * and overrides of its decoder mode. Serializable, so a DoFn carries it to every worker, where
 * {@link SharedSegmenters} loads the model once per JVM.
 */
@AutoValue
public abstract class ModelSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The model file or directory; empty for LEDNet with seeded random weights. */
  public abstract String location();

  /** Seed of the random LEDNet used when {@link #location()} is empty. */
  public abstract long randomSeed();

  public abstract DeviceChoice device();

  @Nullable
  public abstract DecoderMode decoder();

  /**
   * libtorch threads per forward pass on a CPU worker, which then runs cores / threads passes at
   * once; 0 leaves libtorch's default (every core) and runs one pass at a time. Ignored on a GPU,
   * which gets one pass at a time.
   */
  public abstract int cpuThreadsPerPass();

  public static ModelSpec of(String location) {
    return new AutoValue_ModelSpec(location, 0L, DeviceChoice.AUTO, null, 0);
  }

  /** LEDNet with seeded random weights: a stand-in that exercises the whole pipeline. */
  public static ModelSpec randomLednet(long seed) {
    return new AutoValue_ModelSpec("", seed, DeviceChoice.AUTO, null, 0);
  }

  public ModelSpec withDevice(DeviceChoice device) {
    return new AutoValue_ModelSpec(location(), randomSeed(), device, decoder(), cpuThreadsPerPass());
  }

  public ModelSpec withDecoder(@Nullable DecoderMode decoder) {
    return new AutoValue_ModelSpec(location(), randomSeed(), device(), decoder, cpuThreadsPerPass());
  }

  public ModelSpec withCpuThreadsPerPass(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads per pass must be 0 (libtorch's default) or more: " + threads);
    }
    return new AutoValue_ModelSpec(location(), randomSeed(), device(), decoder(), threads);
  }

  public boolean isRandom() {
    return location().isEmpty();
  }

  @Override
  public final String toString() {
    return (isRandom() ? "LEDNet, random weights (seed " + randomSeed() + ")" : location())
        + " on " + device().name().toLowerCase(java.util.Locale.ROOT)
        + (cpuThreadsPerPass() > 0 ? ", " + cpuThreadsPerPass() + " CPU thread(s) per pass" : "");
  }
}

package dev.lednet.model;

import ai.djl.Device;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.List;
import java.util.Map;

/**
 * Keeps the memory libtorch frees on the CPU mapped for reuse. glibc hands large freed blocks back
 * to the kernel, so every feature map of a pass was faulted in again page by page (a 16-channel
 * 256x512 convolution: 34 ms on one thread, 8 ms with freed memory kept). The trim and mmap
 * thresholds are raised once per process with {@code mallopt}; peak memory grows a little (1.42
 * against 1.29 GB for two passes at once at 1024x512). The user's own {@code MALLOC_*} or {@code
 * GLIBC_TUNABLES} settings win, and {@code LEDNET_MALLOC_TUNING=off} keeps glibc's defaults.
 */
public final class MallocTuning {

  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;

  /** glibc's ceiling for the mmap threshold on 64-bit (half its 64 MiB arena heap). */
  private static final int MMAP_THRESHOLD_BYTES = 32 << 20;

  private static final int TOP_PAD_BYTES = 256 << 20;

  private static final List<String> USER_SETTINGS =
      List.of("MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES");

  /** {@code LEDNET_MALLOC_TUNING=off} keeps glibc's defaults. */
  private static final String OPT_OUT = "LEDNET_MALLOC_TUNING";

  private static Boolean applied;

  private MallocTuning() {}

  /** What happened to the thresholds in this process. */
  public enum Outcome {
    /** Raised by this class. */
    RAISED,
    /** Left as the user's environment set them, or as glibc's defaults on request. */
    USER_SETTINGS,
    /** Not glibc on Linux, or glibc refused a value: the allocator's defaults stay. */
    UNSUPPORTED
  }

  /** Before tensors are made on {@code device}: on the CPU, raises glibc's thresholds once. */
  public static void prepareFor(Device device) {
    if (!device.isGpu()) {
      keepFreedTensorsMapped(System.getenv());
    }
  }

  /** Raises glibc's thresholds unless {@code environment} says otherwise; once per process. */
  static synchronized Outcome keepFreedTensorsMapped(Map<String, String> environment) {
    if ("off".equals(environment.get(OPT_OUT))
        || USER_SETTINGS.stream().anyMatch(environment::containsKey)) {
      return Outcome.USER_SETTINGS;
    }
    if (applied == null) {
      applied = Platform.isLinux() && raise();
    }
    return applied ? Outcome.RAISED : Outcome.UNSUPPORTED;
  }

  private static boolean raise() {
    try {
      Libc libc = Native.load("c", Libc.class);
      // mallopt returns 1 on success; every call is made even if one fails.
      int ok = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
      ok &= libc.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE);
      ok &= libc.mallopt(M_TOP_PAD, TOP_PAD_BYTES);
      return ok == 1;
    } catch (UnsatisfiedLinkError e) {
      // musl and other C libraries without mallopt.
      return false;
    }
  }

  /** The one libc function used here. */
  interface Libc extends Library {
    int mallopt(int parameter, int value);
  }
}

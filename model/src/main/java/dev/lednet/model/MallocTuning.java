package dev.lednet.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.List;
import java.util.Map;

/**
 * Keeps the memory libtorch frees on the CPU mapped for reuse. By default glibc hands large freed
 * blocks back to the kernel (munmap, or madvise at the top of a thread's arena), so each feature
 * map a forward pass allocates is faulted in again page by page: at 1024x512 about 17,000 page
 * faults a pass, and a 16-channel 256x512 convolution took 22 ms on one thread instead of 6 ms,
 * most of it faulting in the buffers oneDNN reorders into. Raising glibc's trim and mmap thresholds once per process (with {@code mallopt}) lets
 * freed tensors be reused instead; the resident set then stays at the pass's peak rather than
 * falling between passes (peak 1.42 GB against 1.29 GB for two passes at once at 1024x512). A
 * user's own {@code MALLOC_*} or {@code GLIBC_TUNABLES} settings win, and {@code
 * LEDNET_MALLOC_TUNING=off} keeps glibc's defaults. Setting any one of glibc's thresholds by hand
 * also turns off glibc's own adaptive mmap threshold, so one alone can be far slower than none.
 */
public final class MallocTuning {

  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;

  /** glibc's ceiling for the mmap threshold on 64-bit (half its 64 MiB arena heap). */
  static final int MMAP_THRESHOLD_BYTES = 32 << 20;

  static final int TOP_PAD_BYTES = 256 << 20;

  private static final List<String> USER_SETTINGS =
      List.of("MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES");

  /** {@code LEDNET_MALLOC_TUNING=off} keeps glibc's defaults. */
  public static final String OPT_OUT = "LEDNET_MALLOC_TUNING";

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

  /** Raises glibc's thresholds once; later calls return what the first one did. */
  public static synchronized Outcome keepFreedTensorsMapped() {
    return keepFreedTensorsMapped(System.getenv());
  }

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

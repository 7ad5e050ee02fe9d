package dev.lednet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MallocTuningTest {

  @Test
  void aUsersOwnMallocSettingsAreLeftAlone() {
    assertEquals(
        MallocTuning.Outcome.USER_SETTINGS,
        MallocTuning.keepFreedTensorsMapped(Map.of("MALLOC_TRIM_THRESHOLD_", "0")));
    assertEquals(
        MallocTuning.Outcome.USER_SETTINGS,
        MallocTuning.keepFreedTensorsMapped(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")));
    assertEquals(
        MallocTuning.Outcome.USER_SETTINGS,
        MallocTuning.keepFreedTensorsMapped(Map.of("LEDNET_MALLOC_TUNING", "off")));
  }

  @Test
  void convolutionsReuseFreedBuffersInsteadOfFaultingThemInAgain() throws IOException {
    assertEquals(MallocTuning.Outcome.RAISED, MallocTuning.keepFreedTensorsMapped(Map.of()));
    try (NDManager manager = NDManager.newBaseManager()) {
      // 8 MiB maps: oneDNN reorders each into a fresh buffer and back, 2,048 pages apiece.
      NDArray x = manager.randomNormal(new Shape(1, 16, 256, 512));
      NDArray w = manager.randomNormal(new Shape(16, 16, 3, 1));
      NDArray b = manager.randomNormal(new Shape(16));
      convolve(manager, x, w, b, 3);
      long before = minorFaults();
      convolve(manager, x, w, b, 10);
      long faults = minorFaults() - before;
      // glibc's defaults fault about 6,000 pages a convolution here (61,000 for these ten).
      assertTrue(faults < 2_048, faults + " page faults in ten convolutions");
    }
  }

  private static void convolve(NDManager manager, NDArray x, NDArray w, NDArray b, int times) {
    for (int i = 0; i < times; i++) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray y =
            Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 0), new Shape(1, 1), 1).singletonOrThrow();
        y.attach(scope);
      }
    }
  }

  /** The process's minor page faults ({@code minflt}, field 10 of {@code /proc/self/stat}). */
  private static long minorFaults() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[7]);
  }
}

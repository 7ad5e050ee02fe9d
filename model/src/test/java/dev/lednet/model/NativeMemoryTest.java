package dev.lednet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over many forwards. The model module's test JVM pre-touches a fixed
 * heap (see its pom), so growth of the resident set is native memory, not the Java heap.
 */
class NativeMemoryTest {

  @Test
  void repeatedForwardsKeepNoArraysAndDoNotGrowTheProcess() throws IOException {
    try (Segmenter model = ModelFiles.randomLednet(3, ModelFiles.Options.defaults());
        NDManager manager = NDManager.newBaseManager()) {
      NDArray input = manager.randomUniform(0f, 1f, new Shape(2, 3, 32, 64));
      run(model, manager, input, 60);
      int arrays = manager.getManagedArrays().size();
      long before = residentKiB();
      run(model, manager, input, 300);
      long grown = residentKiB() - before;
      assertEquals(arrays, manager.getManagedArrays().size(), "arrays left on the caller's manager");
      // A leaked forward at this size holds about 1 MiB: 300 leaks would be ~300 MiB.
      assertTrue(grown < 64 * 1024, "resident memory grew by " + grown + " KiB over 300 forwards");
    }
  }

  private static void run(Segmenter model, NDManager manager, NDArray input, int times) {
    for (int i = 0; i < times; i++) {
      try (NDManager batch = manager.newSubManager()) {
        NDArray scores = model.forward(input);
        scores.attach(batch);
        scores.argMax(1).toLongArray();
      }
    }
  }

  private static long residentKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}

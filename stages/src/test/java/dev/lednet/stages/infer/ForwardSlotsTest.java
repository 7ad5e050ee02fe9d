package dev.lednet.stages.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.lednet.model.DeviceChoice;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.Segmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForwardSlotsTest {

  /** A model whose passes take a while and record how many ran at once. */
  private static final class Recording implements Segmenter {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    @Override
    public ModelDescription description() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Device device() {
      return Device.cpu();
    }

    @Override
    public NDArray forward(NDArray batch) {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      return batch;
    }

    @Override
    public void close() {}
  }

  private static int mostAtOnce(int slots, int callers) throws InterruptedException {
    Recording model = new Recording();
    ForwardSlots shared = new ForwardSlots(model, slots);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int pass = 0; pass < 5; pass++) {
                  shared.forward(null);
                }
              });
      threads.add(t);
      t.start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return model.most.get();
  }

  @Test
  void oneSlotRunsPassesOneAtATime() throws InterruptedException {
    assertEquals(1, mostAtOnce(1, 4));
  }

  @Test
  void passesRunAtOnceUpToTheSlotCount() throws InterruptedException {
    // Six threads of five 20 ms passes on two slots: two run together at some point.
    assertEquals(2, mostAtOnce(2, 6));
  }

  @Test
  void aCpuSpecWithThreadsPerPassGetsCoresOverThreadsSlots() {
    int cores = Runtime.getRuntime().availableProcessors();
    ModelSpec cpu = ModelSpec.randomLednet(1).withDevice(DeviceChoice.CPU);
    assertEquals(1, SharedSegmenters.passesAtOnce(cpu));
    assertEquals(cores, SharedSegmenters.passesAtOnce(cpu.withCpuThreadsPerPass(1)));
    assertEquals(Math.max(1, cores / 2), SharedSegmenters.passesAtOnce(cpu.withCpuThreadsPerPass(2)));
    assertThrows(IllegalArgumentException.class, () -> cpu.withCpuThreadsPerPass(-1));
  }
}

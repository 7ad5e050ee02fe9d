package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

  /** Started and never finishing until interrupted, like a stalled job. */
  static final CountDownLatch STARTED = new CountDownLatch(1);

  static final class NeverFinishesFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer element) throws InterruptedException {
      STARTED.countDown();
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }
  }

  static final class BrokenFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer element) {
      throw new IllegalStateException("broken frame " + element);
    }
  }

  @Test
  void aWaitThatIsInterruptedCancelsTheJobAndStopsTheRunnersThreads() throws Exception {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(1)).apply(ParDo.of(new NeverFinishesFn()));
    JobRunner runner =
        JobRunner.of("stuck", new PrintWriter(new StringWriter())).withProgressEvery(Duration.ofSeconds(1));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiting =
        new Thread(
            () -> {
              try {
                runner.run(pipeline);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    waiting.start();
    assertTrue(STARTED.await(60, TimeUnit.SECONDS), "the job never started");
    waiting.interrupt();
    waiting.join(TimeUnit.SECONDS.toMillis(60));
    assertEquals(false, waiting.isAlive(), "run() still waiting after an interrupt");
    assertTrue(thrown.get() instanceof RuntimeException, String.valueOf(thrown.get()));

    // Cancelling shuts the runner's pool down: its scheduling loop stops and its idle workers end.
    // Only the worker inside the DoFn remains: no runner can stop user code that ignores it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (workers().size() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<Thread> left = workers();
    try {
      assertEquals(1, left.size(), "direct-runner-worker threads left: " + left);
      assertTrue(
          Arrays.stream(left.get(0).getStackTrace())
              .anyMatch(frame -> frame.getClassName().equals(NeverFinishesFn.class.getName())),
          "the worker left is not the one inside the DoFn");
    } finally {
      left.forEach(Thread::interrupt);
    }
  }

  private static List<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("direct-runner-worker") && t.isAlive())
        .toList();
  }

  @Test
  void aFailedJobIsRethrown() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(1)).apply(ParDo.of(new BrokenFn()));
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> JobRunner.of("failing", new PrintWriter(new StringWriter())).run(pipeline));
    assertTrue(String.valueOf(e.getMessage()).contains("broken frame 1"), e.toString());
  }
}

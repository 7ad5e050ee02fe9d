package dev.lednet.pipelines.cli;

import dev.lednet.model.DeviceChoice;
import dev.lednet.model.TorchThreads;
import dev.lednet.model.train.TrainingPhase;
import dev.lednet.pipelines.bench.ForwardTimer;
import dev.lednet.pipelines.bench.ReferenceForwardTimes;
import dev.lednet.pipelines.bench.TrainStepTimer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lednet bench train}: images per second of LEDNet training steps at a fixed size, beside
 * a reference command (PyTorch eager training the reference model) on the same threads.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Time training steps (forward, loss, backward, Adam; median per image), optionally beside a reference command.")
public final class BenchTrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--size", defaultValue = "512x256", converter = ImageSize.Converter.class, description = "Input WIDTHxHEIGHT, multiples of 32 (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(names = "--batch", defaultValue = "5", description = "Images per step (the reference's batch size; default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--phase", defaultValue = "full", description = "encoder or full (default: ${DEFAULT-VALUE}).")
  String phase;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--runs", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--threads", description = "libtorch threads, also given to the reference as OMP_NUM_THREADS (default: the number of cores).")
  Integer threads;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--reference-command",
      description = {
        "A command printing 'Train step time per img (b=N): SECONDS' lines, e.g. PyTorch eager",
        "training the reference Net(20) (docs/benchmarks.md shows one)."
      })
  String referenceCommand;

  @Override
  public Integer call() throws IOException {
    if (batch < 1 || runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("--batch and --runs must be at least 1, --warmup at least 0");
    }
    TrainingPhase trainingPhase = TrainingPhase.parse(phase);
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int threadCount = threads != null ? threads : cores;
    TorchThreads.set(threadCount);
    out.printf(
        "train: %s phase, input %s (WxH), batch %d, %d libtorch thread(s) of %d cores, %d warm-up + %d timed steps%n",
        trainingPhase.label(), size, batch, threadCount, cores, warmup, runs);
    out.flush();
    ForwardTimer.Timings ours =
        TrainStepTimer.time(
            DeviceChoice.parse(device).resolve(), trainingPhase, batch, size.height(), size.width(), warmup, runs);
    print(out, "lednet (DJL)", ours);
    if (referenceCommand != null) {
      ForwardTimer.Timings reference =
          ReferenceForwardTimes.run(
              referenceCommand,
              Map.of("OMP_NUM_THREADS", Integer.toString(threadCount), "MKL_NUM_THREADS", Integer.toString(threadCount)),
              warmup,
              runs,
              3600,
              ReferenceForwardTimes.TRAIN_STEP);
      print(out, "reference command", reference);
      out.printf(
          "  lednet / reference: %.2fx the reference's images/s (median %.1f ms vs %.1f ms per image)%n",
          reference.median() / ours.median(), ours.median() * 1e3, reference.median() * 1e3);
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, String label, ForwardTimer.Timings t) {
    out.printf(
        "  %-24s median %8.1f ms/image  %6.2f images/s  (min %.1f ms)%n",
        label, t.median() * 1e3, 1 / t.median(), t.min() * 1e3);
    out.flush();
  }
}

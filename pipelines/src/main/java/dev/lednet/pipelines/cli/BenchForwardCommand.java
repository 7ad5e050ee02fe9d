package dev.lednet.pipelines.cli;

import dev.lednet.model.DeviceChoice;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.Segmenter;
import dev.lednet.model.TorchThreads;
import dev.lednet.pipelines.bench.ForwardTimer;
import dev.lednet.pipelines.bench.ReferenceForwardTimes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lednet bench forward}: median forward time per image, as the reference's {@code
 * eval_forward_time.py} reports it, for the Java LEDNet with and without BatchNorm folding, and
 * for a reference command run on the same machine with the same thread count.
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Time the network's forward pass (median per image, FPS), optionally beside a reference command.")
public final class BenchForwardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", description = "Model to time (default: LEDNet with seeded random weights).")
  Path model;

  @Option(
      names = "--size",
      defaultValue = "1024x512",
      converter = ImageSize.Converter.class,
      description = "Input WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(names = "--batch", defaultValue = "1", description = "Images per forward (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--runs", defaultValue = "20", description = "Timed passes (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--threads",
      description = "libtorch threads, also given to the reference as OMP_NUM_THREADS (default: the number of cores).")
  Integer threads;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--reference-command",
      description = {
        "A command printing 'Forward time per img (b=N): SECONDS' lines, e.g. the reference's",
        "'cd LEDNet/test && python3 eval_forward_time.py --cpu --width 1024 --height 512'."
      })
  String referenceCommand;

  @Override
  public Integer call() throws IOException {
    if (batch < 1 || runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("--batch and --runs must be at least 1, --warmup at least 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int threadCount = threads != null ? threads : cores;
    TorchThreads.set(threadCount);
    ModelFiles.Options options =
        ModelFiles.Options.defaults().withDevice(DeviceChoice.parse(device).resolve());
    out.printf(
        "forward: input %s (WxH), batch %d, %d libtorch thread(s) of %d cores, %d warm-up + %d timed passes%n",
        size, batch, threadCount, cores, warmup, runs);
    ForwardTimer.Timings folded = time(options.withFoldBatchNorm(true), "BatchNorm folded", out);
    time(options.withFoldBatchNorm(false), "as trained (conv + BatchNorm)", out);
    if (referenceCommand != null) {
      ForwardTimer.Timings reference =
          ReferenceForwardTimes.run(
              referenceCommand,
              Map.of("OMP_NUM_THREADS", Integer.toString(threadCount), "MKL_NUM_THREADS", Integer.toString(threadCount)),
              warmup,
              runs,
              1800);
      print(out, "reference command", reference);
      out.printf(
          "  lednet (folded) / reference: %.2fx the reference's FPS (median times %.1f ms vs %.1f ms)%n",
          reference.median() / folded.median(), folded.median() * 1e3, reference.median() * 1e3);
    }
    out.flush();
    return 0;
  }

  private ForwardTimer.Timings time(ModelFiles.Options options, String label, PrintWriter out)
      throws IOException {
    try (Segmenter segmenter =
        model != null ? ModelFiles.open(model, options) : ModelFiles.randomLednet(1, options)) {
      ForwardTimer.Timings t =
          ForwardTimer.time(segmenter, batch, size.height(), size.width(), warmup, runs);
      print(out, segmenter.description().architecture() + " on " + segmenter.device() + ", " + label, t);
      return t;
    }
  }

  private static void print(PrintWriter out, String label, ForwardTimer.Timings t) {
    out.printf(
        "  %-48s median %8.1f ms/image  %7.2f FPS  (min %.1f ms)%n",
        label, t.median() * 1e3, 1 / t.median(), t.min() * 1e3);
    out.flush();
  }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  @Option(
      names = "--rounds",
      defaultValue = "1",
      description = {
        "Take turns this many times: --runs passes of each model, then of the reference command;",
        "medians are over every round, so a busy moment of the machine hits both sides (default: ${DEFAULT-VALUE})."
      })
  int rounds;

  @Option(
      names = "--passes",
      defaultValue = "1",
      description = {
        "Also time this many passes at once on one shared model, each with --threads threads, and print",
        "their total frames/s (what 'lednet infer' sustains with that many forward slots) (default: ${DEFAULT-VALUE})."
      })
  int passes;

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
  public Integer call() throws IOException, InterruptedException {
    if (batch < 1 || runs < 1 || warmup < 0 || rounds < 1 || passes < 1) {
      throw new IllegalArgumentException(
          "--batch, --runs, --rounds and --passes must be at least 1, --warmup at least 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int threadCount = threads != null ? threads : cores;
    TorchThreads.set(threadCount);
    ModelFiles.Options options =
        ModelFiles.Options.defaults().withDevice(DeviceChoice.parse(device).resolve());
    out.printf(
        "forward: input %s (WxH), batch %d, %d libtorch thread(s) of %d cores, %d warm-up + %d timed passes%s%n",
        size, batch, threadCount, cores, warmup, runs, rounds > 1 ? " per round, " + rounds + " rounds" : "");
    try (Segmenter folded = open(options.withFoldBatchNorm(true));
        Segmenter plain = open(options.withFoldBatchNorm(false))) {
      String name = folded.description().architecture() + " on " + folded.device();
      List<double[]> foldedTimes = new ArrayList<>();
      List<double[]> plainTimes = new ArrayList<>();
      List<double[]> referenceTimes = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        // Warm-up passes once per model: a loaded model stays warm between rounds.
        int skip = round == 1 ? warmup : 0;
        ForwardTimer.Timings f = ForwardTimer.time(folded, batch, size.height(), size.width(), skip, runs);
        ForwardTimer.Timings p = ForwardTimer.time(plain, batch, size.height(), size.width(), skip, runs);
        foldedTimes.add(f.secondsPerImage());
        plainTimes.add(p.secondsPerImage());
        ForwardTimer.Timings r = null;
        if (referenceCommand != null) {
          r = ReferenceForwardTimes.run(
              referenceCommand,
              Map.of("OMP_NUM_THREADS", Integer.toString(threadCount), "MKL_NUM_THREADS", Integer.toString(threadCount)),
              warmup,
              runs,
              1800);
          referenceTimes.add(r.secondsPerImage());
        }
        if (rounds > 1) {
          out.printf(
              "  round %d: folded %.1f, as trained %.1f%s ms/image (medians)%n",
              round, f.median() * 1e3, p.median() * 1e3,
              r == null ? "" : String.format(Locale.ROOT, ", reference %.1f", r.median() * 1e3));
          out.flush();
        }
      }
      ForwardTimer.Timings foldedAll = ForwardTimer.Timings.of(foldedTimes);
      print(out, name + ", BatchNorm folded", foldedAll);
      print(out, name + ", as trained (conv + BatchNorm)", ForwardTimer.Timings.of(plainTimes));
      if (referenceCommand != null) {
        ForwardTimer.Timings reference = ForwardTimer.Timings.of(referenceTimes);
        print(out, "reference command", reference);
        out.printf(
            "  lednet (folded) / reference: %.2fx the reference's FPS (median times %.1f ms vs %.1f ms)%n",
            reference.median() / foldedAll.median(), foldedAll.median() * 1e3, reference.median() * 1e3);
      }
      if (passes > 1) {
        ForwardTimer.Throughput t =
            ForwardTimer.concurrent(folded, passes, batch, size.height(), size.width(), warmup, runs);
        out.printf(
            "  %d passes at once, %d thread(s) each (folded): %.2f frames/s in all (%d frames in %.1f s)%n",
            passes, threadCount, t.framesPerSecond(), t.frames(), t.seconds());
      }
    }
    out.flush();
    return 0;
  }

  private Segmenter open(ModelFiles.Options options) throws IOException {
    return model != null ? ModelFiles.open(model, options) : ModelFiles.randomLednet(1, options);
  }

  private static void print(PrintWriter out, String label, ForwardTimer.Timings t) {
    out.printf(
        "  %-48s median %8.1f ms/image  %7.2f FPS  (min %.1f ms)%n",
        label, t.median() * 1e3, 1 / t.median(), t.min() * 1e3);
    out.flush();
  }
}

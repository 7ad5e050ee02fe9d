package dev.lednet.pipelines.cli;

import dev.lednet.stages.image.PngCodecBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lednet bench png}: ImageIO vs PNGJ vs the project's codec on Cityscapes-like frames. */
@Command(
    name = "png",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Compare PNG codecs (ImageIO, PNGJ, the project's Png) on Cityscapes-like frames.")
public final class BenchPngCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      defaultValue = "2048x1024",
      converter = ImageSize.Converter.class,
      description = "Frame size (default: ${DEFAULT-VALUE}).")
  ImageSize size;

  @Option(names = "--runs", defaultValue = "10", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--sweep", description = "Also sweep zlib levels and row filters of the encoder.")
  boolean sweep;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(PngCodecBenchmark.compareCodecs(size.width(), size.height(), runs));
    if (sweep) {
      out.println(PngCodecBenchmark.sweepEncoder(size.width(), size.height(), runs));
    }
    out.flush();
    return 0;
  }
}

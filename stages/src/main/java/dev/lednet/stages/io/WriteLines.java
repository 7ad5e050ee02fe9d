package dev.lednet.stages.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes a small collection of lines as one file, sorted, atomically through {@link FileBytes}
 * (an empty collection writes an empty file). For outputs that fit in memory, such as per-frame
 * summaries: unlike {@code TextIO} it needs no temporary directory beside the file and the lines
 * come out in the same order on every run.
 */
public final class WriteLines extends PTransform<PCollection<String>, PDone> {

  private final String path;

  private WriteLines(String path) {
    this.path = path;
  }

  public static WriteLines to(String path) {
    return new WriteLines(path);
  }

  @Override
  public PDone expand(PCollection<String> lines) {
    lines
        .apply("Gather", Combine.globally(new GatherFn()))
        .apply("Write", ParDo.of(new WriteFn(path)));
    return PDone.in(lines.getPipeline());
  }

  static final class GatherFn extends Combine.CombineFn<String, List<String>, String> {
    @Override
    public List<String> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<String> addInput(List<String> lines, String line) {
      lines.add(line);
      return lines;
    }

    @Override
    public List<String> mergeAccumulators(Iterable<List<String>> parts) {
      List<String> merged = new ArrayList<>();
      parts.forEach(merged::addAll);
      return merged;
    }

    @Override
    public String extractOutput(List<String> lines) {
      List<String> sorted = new ArrayList<>(lines);
      Collections.sort(sorted);
      StringBuilder text = new StringBuilder();
      sorted.forEach(line -> text.append(line).append('\n'));
      return text.toString();
    }

    @Override
    public Coder<List<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> input) {
      return ListCoder.of(StringUtf8Coder.of());
    }
  }

  static final class WriteFn extends DoFn<String, Void> {
    private final String path;

    WriteFn(String path) {
      this.path = path;
    }

    @ProcessElement
    public void process(@Element String text) throws Exception {
      FileBytes.write(path, text.getBytes(StandardCharsets.UTF_8));
    }
  }
}

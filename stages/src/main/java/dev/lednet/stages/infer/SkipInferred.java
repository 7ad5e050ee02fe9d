package dev.lednet.stages.infer;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Drops frames whose requested outputs all exist, so an interrupted inference run resumes where
 * it stopped. Writes are atomic, so an existing file is a complete one.
 */
public final class SkipInferred extends PTransform<PCollection<Frame>, PCollection<Frame>> {

  private final ImmutableList<InferOutput> outputs;
  private final String root;

  private SkipInferred(List<InferOutput> outputs, String root) {
    this.outputs = ImmutableList.copyOf(outputs);
    this.root = root;
  }

  public static SkipInferred of(List<InferOutput> outputs, String root) {
    return new SkipInferred(outputs, root);
  }

  @Override
  public PCollection<Frame> expand(PCollection<Frame> frames) {
    return frames.apply("DropInferred", ParDo.of(new SkipFn(outputs, root)));
  }

  static final class SkipFn extends DoFn<Frame, Frame> {
    private final Counter skipped = StageMetrics.counter(StageMetrics.FRAMES_SKIPPED);
    private final ImmutableList<InferOutput> outputs;
    private final String root;

    SkipFn(ImmutableList<InferOutput> outputs, String root) {
      this.outputs = outputs;
      this.root = root;
    }

    @ProcessElement
    public void process(@Element Frame frame, OutputReceiver<Frame> out) throws IOException {
      for (InferOutput output : outputs) {
        if (!FileBytes.exists(output.destination(root, frame))) {
          out.output(frame);
          return;
        }
      }
      skipped.inc();
    }
  }
}

package dev.lednet.stages.prepare;

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
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Drops the frames whose requested label images all exist already, so that an interrupted {@code
 * prepare} resumes where it stopped. Since every output is written atomically, an existing file is
 * a complete one. Skipped frames are counted ({@code lednet:framesSkipped}).
 */
public final class SkipConverted extends PTransform<PCollection<Frame>, PCollection<Frame>> {

  private final ImmutableList<LabelOutput> outputs;
  private final String annotationType;
  private final String inputComponent;
  private final SerializableFunction<OutputKey, String> destination;

  private SkipConverted(
      ImmutableList<LabelOutput> outputs,
      String annotationType,
      String inputComponent,
      SerializableFunction<OutputKey, String> destination) {
    this.outputs = outputs;
    this.annotationType = annotationType;
    this.inputComponent = inputComponent;
    this.destination = destination;
  }

  /**
   * Frames of {@code annotationType} converted from {@code inputComponent} whose {@code outputs}
   * exist at the paths {@code destination} gives (the same function the conversion writes with).
   */
  public static SkipConverted of(
      List<LabelOutput> outputs,
      String annotationType,
      String inputComponent,
      SerializableFunction<OutputKey, String> destination) {
    return new SkipConverted(ImmutableList.copyOf(outputs), annotationType, inputComponent, destination);
  }

  @Override
  public PCollection<Frame> expand(PCollection<Frame> frames) {
    return frames.apply("DropConverted", ParDo.of(new SkipFn(this)));
  }

  static final class SkipFn extends DoFn<Frame, Frame> {
    private final Counter skipped = StageMetrics.counter(StageMetrics.FRAMES_SKIPPED);
    private final SkipConverted spec;

    SkipFn(SkipConverted spec) {
      this.spec = spec;
    }

    @ProcessElement
    public void process(@Element Frame frame, OutputReceiver<Frame> out) throws IOException {
      for (LabelOutput output : spec.outputs) {
        String path =
            spec.destination.apply(new OutputKey(frame, spec.annotationType, output, spec.inputComponent));
        if (!FileBytes.exists(path)) {
          out.output(frame);
          return;
        }
      }
      skipped.inc();
    }
  }
}

package dev.lednet.stages.evaluate;

import com.google.auto.value.AutoValue;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Counts each frame's contribution to the evaluation: decodes the ground truth ({@code
 * gtFine_labelIds}, or {@code gtFine_labelTrainIds} for trainIds), the {@code gtFine_instanceIds}
 * (labelIds only) and the prediction, checks the prediction with {@link PredictionValidator}, and
 * emits a {@link FrameConfusion} to {@link #COUNTS}. A frame that cannot be scored goes to {@link
 * #FAILURES}; a frame scored despite a doubt (a labelIds prediction that looks like trainIds) also
 * goes to {@link #WARNINGS}.
 */
@AutoValue
public abstract class ComputeFrameConfusion
    extends PTransform<PCollection<FrameContent>, PCollectionTuple> {

  public static final TupleTag<FrameConfusion> COUNTS = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};
  /** Notices about frames that were scored anyway, as {@link Failure} records for the report. */
  public static final TupleTag<Failure> WARNINGS = new TupleTag<>() {};

  /** The default payload key of the prediction. */
  public static final String PREDICTION = "prediction";

  static final String INSTANCE_IDS = "gtFine_instanceIds";
  static final String STAGE = "ComputeFrameConfusion";

  abstract IdSpace ids();

  abstract String predictionComponent();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setIds(IdSpace ids);

    abstract Builder setPredictionComponent(String component);

    abstract ComputeFrameConfusion build();
  }

  /** Official labelIds evaluation of the {@value #PREDICTION} payload. */
  public static ComputeFrameConfusion create() {
    return new AutoValue_ComputeFrameConfusion.Builder()
        .setIds(IdSpace.LABEL_IDS)
        .setPredictionComponent(PREDICTION)
        .build();
  }

  /** Compares in these ids ({@code TRAIN_IDS} for LEDNet's own evaluation). */
  public ComputeFrameConfusion withIds(IdSpace ids) {
    return toBuilder().setIds(ids).build();
  }

  /** Reads the prediction from this payload instead of {@value #PREDICTION}. */
  public ComputeFrameConfusion withPredictionComponent(String component) {
    return toBuilder().setPredictionComponent(component).build();
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameContent> frames) {
    return frames.apply(
        "CountPixels",
        ParDo.of(new CountFn(ids(), predictionComponent()))
            .withOutputTags(COUNTS, TupleTagList.of(FAILURES).and(WARNINGS)));
  }

  /** Why a frame cannot be scored, and which of its files is at fault. */
  private static final class Rejected extends Exception {
    final String component;

    Rejected(String component, String reason) {
      super(reason);
      this.component = component;
    }
  }

  static final class CountFn extends DoFn<FrameContent, FrameConfusion> {
    private final IdSpace ids;
    private final String predictionComponent;
    private final Counter done = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private transient PredictionValidator validator;

    CountFn(IdSpace ids, String predictionComponent) {
      this.ids = ids;
      this.predictionComponent = predictionComponent;
    }

    @Setup
    public void setup() {
      validator = PredictionValidator.forIds(ids);
    }

    @ProcessElement
    public void process(@Element FrameContent frame, MultiOutputReceiver out) {
      String frameId = frame.getFrame().getId();
      try {
        PixelTally tally = tally(frame);
        Optional<String> valueError = validator.valueError(tally.predictionHistogram());
        if (valueError.isPresent()) {
          throw new Rejected(predictionComponent, valueError.get());
        }
        long[] counts = counts(tally);
        FrameConfusion confusion =
            FrameConfusion.create(frameId, ids, counts, instances(tally));
        validator
            .warning(tally.predictionHistogram())
            .ifPresent(w -> out.get(WARNINGS).output(failure(frame, predictionComponent, w)));
        out.get(COUNTS).output(confusion);
        done.inc();
      } catch (Rejected e) {
        out.get(FAILURES).output(failure(frame, e.component, e.getMessage()));
      }
    }

    private PixelTally tally(FrameContent frame) throws Rejected {
      Raster truth = decode(frame, ids.groundTruthComponent());
      if (truth.format() != Raster.Format.GRAY8) {
        throw new Rejected(
            ids.groundTruthComponent(), "ground truth is " + truth + ", expected 8-bit gray " + ids);
      }
      Raster prediction = decode(frame, predictionComponent);
      Optional<String> formatError =
          validator.formatError(prediction, truth.width(), truth.height());
      if (formatError.isPresent()) {
        throw new Rejected(predictionComponent, formatError.get());
      }
      if (ids != IdSpace.LABEL_IDS) {
        return PixelTally.count(truth.bytes(), prediction.bytes());
      }
      Raster instances = decode(frame, INSTANCE_IDS);
      if (instances.width() != truth.width() || instances.height() != truth.height()) {
        throw new Rejected(
            INSTANCE_IDS,
            "instanceIds is " + instances.width() + "x" + instances.height()
                + " but the labelIds are " + truth.width() + "x" + truth.height());
      }
      return PixelTally.count(truth.bytes(), prediction.bytes(), instanceIds(instances));
    }

    private static short[] instanceIds(Raster instances) throws Rejected {
      switch (instances.format()) {
        case GRAY16:
          return instances.shorts();
        case GRAY8:
          // No instance id fits in 8 bits, but a frame without instances may be saved this way.
          byte[] bytes = instances.bytes();
          short[] widened = new short[bytes.length];
          for (int i = 0; i < bytes.length; i++) {
            widened[i] = (short) (bytes[i] & 0xff);
          }
          return widened;
        default:
          throw new Rejected(INSTANCE_IDS, "instanceIds is " + instances + ", expected 16-bit gray");
      }
    }

    private long[] counts(PixelTally tally) throws Rejected {
      try {
        return tally.confusion(ids);
      } catch (IllegalArgumentException e) {
        // The prediction was checked already, so the ground truth has the stray value.
        throw new Rejected(ids.groundTruthComponent(), e.getMessage());
      }
    }

    private static java.util.List<InstanceOverlap> instances(PixelTally tally) throws Rejected {
      try {
        return tally.instances();
      } catch (IllegalArgumentException e) {
        throw new Rejected(INSTANCE_IDS, e.getMessage());
      }
    }

    private static Raster decode(FrameContent frame, String component) throws Rejected {
      byte[] png =
          frame
              .findPayload(component)
              .orElseThrow(
                  () -> new Rejected(component, "frame was read without its " + component + " file"));
      try {
        return Png.decode(png, path(frame, component));
      } catch (IllegalArgumentException e) {
        throw new Rejected(component, e.getMessage());
      }
    }

    private static String path(FrameContent frame, String component) {
      return frame.getFrame().getFiles().getOrDefault(component, component);
    }

    private static Failure failure(FrameContent frame, String component, String reason) {
      return Failure.create(frame.getFrame().getId(), path(frame, component), STAGE, reason);
    }
  }
}

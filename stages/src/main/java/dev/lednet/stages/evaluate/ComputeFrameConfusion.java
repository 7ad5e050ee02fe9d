package dev.lednet.stages.evaluate;

import com.google.auto.value.AutoValue;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.PngRowReader;
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

    /**
     * Counts the frame's pixels row by row as the three PNGs are decoded, never holding a whole
     * image: the inflated rows are counted while they are in the CPU cache.
     */
    private PixelTally tally(FrameContent frame) throws Rejected {
      String truthComponent = ids.groundTruthComponent();
      try (PngRowReader truth = open(frame, truthComponent)) {
        if (truth.format() != Raster.Format.GRAY8) {
          throw new Rejected(
              truthComponent, "ground truth is " + describe(truth) + ", expected 8-bit gray " + ids);
        }
        try (PngRowReader prediction = open(frame, predictionComponent)) {
          Optional<String> formatError =
              validator.formatError(
                  prediction.format(), prediction.width(), prediction.height(), truth.width(), truth.height());
          if (formatError.isPresent()) {
            throw new Rejected(predictionComponent, formatError.get());
          }
          if (ids != IdSpace.LABEL_IDS) {
            PixelTally.Counter counter = PixelTally.counter();
            for (int y = 0; y < truth.height(); y++) {
              counter.addRow(
                  nextRow(truth, truthComponent), nextRow(prediction, predictionComponent), truth.width());
            }
            return counter.tally();
          }
          return tallyWithInstances(frame, truth, prediction);
        }
      }
    }

    private PixelTally tallyWithInstances(FrameContent frame, PngRowReader truth, PngRowReader prediction)
        throws Rejected {
      try (PngRowReader instances = open(frame, INSTANCE_IDS)) {
        if (instances.width() != truth.width() || instances.height() != truth.height()) {
          throw new Rejected(
              INSTANCE_IDS,
              "instanceIds is " + instances.width() + "x" + instances.height()
                  + " but the labelIds are " + truth.width() + "x" + truth.height());
        }
        // No instance id fits in 8 bits, but a frame without instances may be saved as 8-bit gray.
        if (instances.format() != Raster.Format.GRAY16 && instances.format() != Raster.Format.GRAY8) {
          throw new Rejected(INSTANCE_IDS, "instanceIds is " + describe(instances) + ", expected 16-bit gray");
        }
        PixelTally.Counter counter = PixelTally.counterWithInstances();
        boolean widen = instances.format() == Raster.Format.GRAY8;
        byte[] widened = widen ? new byte[2 * truth.width()] : null;
        for (int y = 0; y < truth.height(); y++) {
          byte[] truthRow = nextRow(truth, ids.groundTruthComponent());
          byte[] predictionRow = nextRow(prediction, predictionComponent);
          byte[] instanceRow = nextRow(instances, INSTANCE_IDS);
          if (widen) {
            for (int x = 0; x < truth.width(); x++) {
              widened[2 * x + 1] = instanceRow[x];
            }
            instanceRow = widened;
          }
          counter.addRow(truthRow, predictionRow, instanceRow, truth.width());
        }
        return counter.tally();
      }
    }

    /** As a Raster describes itself, e.g. {@code GRAY16 2048x1024}. */
    private static String describe(PngRowReader reader) {
      return reader.format() + " " + reader.width() + "x" + reader.height();
    }

    private static byte[] nextRow(PngRowReader reader, String component) throws Rejected {
      try {
        return reader.nextRow();
      } catch (IllegalArgumentException e) {
        throw new Rejected(component, e.getMessage());
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

    private static PngRowReader open(FrameContent frame, String component) throws Rejected {
      byte[] png =
          frame
              .findPayload(component)
              .orElseThrow(
                  () -> new Rejected(component, "frame was read without its " + component + " file"));
      try {
        return PngRowReader.open(png, path(frame, component));
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

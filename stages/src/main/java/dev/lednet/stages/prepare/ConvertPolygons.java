package dev.lednet.stages.prepare;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Renders the {@code <type>_polygons} JSON payload of each frame into label images exactly as
 * cityscapesScripts' {@code json2labelImg.py} and {@code json2instanceImg.py} do with Pillow 9.4.0,
 * and emits them as PNG {@link EncodedFile}s on {@link #FILES}. Each frame is parsed and drawn
 * once whatever the number of outputs. A frame without the payload, or whose annotation the
 * official tools would refuse, goes to {@link #FAILURES} with the file and the reason.
 */
@AutoValue
public abstract class ConvertPolygons extends PTransform<PCollection<FrameContent>, PCollectionTuple> {

  public static final TupleTag<EncodedFile> FILES = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  static final String STAGE = "ConvertPolygons";

  abstract ImmutableList<LabelOutput> outputs();

  abstract String annotationType();

  abstract SerializableFunction<OutputKey, String> destination();

  abstract Png.Compression compression();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder outputs(ImmutableList<LabelOutput> outputs);

    abstract Builder annotationType(String annotationType);

    abstract Builder destination(SerializableFunction<OutputKey, String> destination);

    abstract Builder compression(Png.Compression compression);

    abstract ConvertPolygons build();
  }

  /**
   * Renders these outputs of {@code gtFine} annotations, each written beside its polygons file
   * (see {@link #withAnnotationType} and {@link #withDestination}).
   */
  public static ConvertPolygons to(LabelOutput first, LabelOutput... more) {
    return new AutoValue_ConvertPolygons.Builder()
        .outputs(ImmutableList.copyOf(EnumSet.of(first, more)))
        .annotationType("gtFine")
        .destination(LabelDestinations.besideInput())
        .compression(Png.Compression.FAST)
        .build();
  }

  /** Every output: labelIds, labelTrainIds, color, instanceIds, instanceTrainIds. */
  public static ConvertPolygons toAllOutputs() {
    return to(LabelOutput.LABEL_IDS, LabelOutput.values());
  }

  /** Reads {@code <type>_polygons} and names outputs {@code <type>_<output>}, e.g. {@code gtCoarse}. */
  public ConvertPolygons withAnnotationType(String annotationType) {
    return toBuilder().annotationType(annotationType).build();
  }

  /** Where each output goes; see {@link LabelDestinations}. */
  public ConvertPolygons withDestination(SerializableFunction<OutputKey, String> destination) {
    return toBuilder().destination(destination).build();
  }

  /**
   * How the PNGs are compressed: {@link Png.Compression#FAST} (the default: bulk conversion is
   * bound by PNG encoding, and label images stay small either way) or {@link
   * Png.Compression#SMALL} for files about half the size.
   */
  public ConvertPolygons withCompression(Png.Compression compression) {
    return toBuilder().compression(compression).build();
  }

  /** Outputs under {@code root} in the Cityscapes layout, {@code <root>/<type>/<split>/<city>/}. */
  public ConvertPolygons withOutputRoot(String root) {
    return withDestination(LabelDestinations.underRoot(root));
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameContent> frames) {
    return frames.apply(
        "RenderPolygons",
        ParDo.of(new RenderFn(outputs(), annotationType(), destination(), compression()))
            .withOutputTags(FILES, TupleTagList.of(FAILURES)));
  }

  static final class RenderFn extends DoFn<FrameContent, EncodedFile> {
    private final List<LabelOutput> outputs;
    private final String annotationType;
    private final SerializableFunction<OutputKey, String> destination;
    private final Png.Compression compression;
    private final Counter converted = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private transient LabelImageRenderer renderer;

    RenderFn(
        List<LabelOutput> outputs,
        String annotationType,
        SerializableFunction<OutputKey, String> destination,
        Png.Compression compression) {
      this.compression = compression;
      this.outputs = outputs;
      this.annotationType = annotationType;
      this.destination = destination;
    }

    @Setup
    public void setup() {
      renderer = new LabelImageRenderer();
    }

    @ProcessElement
    public void process(@Element FrameContent content, MultiOutputReceiver out) {
      Frame frame = content.getFrame();
      String input = annotationType + "_polygons";
      List<EncodedFile> files = new ArrayList<>(outputs.size());
      try {
        LabelImages images = renderer.render(CityscapesAnnotation.parse(content.payload(input)));
        for (LabelOutput output : outputs) {
          String path = destination.apply(new OutputKey(frame, annotationType, output, input));
          files.add(EncodedFile.create(path, images.encode(output, compression)));
        }
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failure.of(frame.getId(), FrameInputs.path(frame, input), STAGE, e));
        return;
      }
      files.forEach(out.get(FILES)::output);
      converted.inc();
    }
  }
}

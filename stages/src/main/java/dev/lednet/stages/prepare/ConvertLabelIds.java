package dev.lednet.stages.prepare;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.PngInfo;
import dev.lednet.stages.image.Raster;
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
 * Converts the {@code <type>_labelIds} PNG payload of each frame into labelTrainIds and/or colour
 * PNGs by table lookup, for annotations that exist only as label images (gtCoarse without
 * polygons, users' own labelIds). A frame without the payload, or whose image is not 8-bit gray
 * labelIds, goes to {@link #FAILURES} with the file and the reason.
 */
@AutoValue
public abstract class ConvertLabelIds extends PTransform<PCollection<FrameContent>, PCollectionTuple> {

  // The same tags as ConvertPolygons, so a pipeline reads either converter's output alike.
  public static final TupleTag<EncodedFile> FILES = ConvertPolygons.FILES;
  public static final TupleTag<Failure> FAILURES = ConvertPolygons.FAILURES;

  static final String STAGE = "ConvertLabelIds";

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

    abstract ConvertLabelIds build();
  }

  /**
   * Makes these outputs ({@link LabelOutput#LABEL_TRAIN_IDS}, {@link LabelOutput#COLOR}) of
   * {@code gtFine} label images, each written beside its labelIds file.
   *
   * @throws IllegalArgumentException for an output that needs polygons
   */
  public static ConvertLabelIds to(LabelOutput first, LabelOutput... more) {
    EnumSet<LabelOutput> outputs = EnumSet.of(first, more);
    for (LabelOutput output : outputs) {
      if (!LabelIdsLookup.supports(output)) {
        throw new IllegalArgumentException(
            output.suffix() + " cannot be made from labelIds: use ConvertPolygons");
      }
    }
    return new AutoValue_ConvertLabelIds.Builder()
        .outputs(ImmutableList.copyOf(outputs))
        .annotationType("gtFine")
        .destination(LabelDestinations.besideInput())
        .compression(Png.Compression.FAST)
        .build();
  }

  /** Reads {@code <type>_labelIds} and names outputs {@code <type>_<output>}, e.g. {@code gtCoarse}. */
  public ConvertLabelIds withAnnotationType(String annotationType) {
    return toBuilder().annotationType(annotationType).build();
  }

  /** Where each output goes; see {@link LabelDestinations}. */
  public ConvertLabelIds withDestination(SerializableFunction<OutputKey, String> destination) {
    return toBuilder().destination(destination).build();
  }

  /**
   * How the PNGs are compressed: {@link Png.Compression#FAST} (the default: bulk conversion is
   * bound by PNG encoding, and label images stay small either way) or {@link
   * Png.Compression#SMALL} for files about half the size.
   */
  public ConvertLabelIds withCompression(Png.Compression compression) {
    return toBuilder().compression(compression).build();
  }

  /** Outputs under {@code root} in the Cityscapes layout, {@code <root>/<type>/<split>/<city>/}. */
  public ConvertLabelIds withOutputRoot(String root) {
    return withDestination(LabelDestinations.underRoot(root));
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameContent> frames) {
    return frames.apply(
        "LookUpLabelIds",
        ParDo.of(new LookupFn(outputs(), annotationType(), destination(), compression()))
            .withOutputTags(FILES, TupleTagList.of(FAILURES)));
  }

  static final class LookupFn extends DoFn<FrameContent, EncodedFile> {
    private final Counter converted = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private final List<LabelOutput> outputs;
    private final String annotationType;
    private final SerializableFunction<OutputKey, String> destination;
    private final Png.Compression compression;

    LookupFn(
        List<LabelOutput> outputs,
        String annotationType,
        SerializableFunction<OutputKey, String> destination,
        Png.Compression compression) {
      this.compression = compression;
      this.outputs = outputs;
      this.annotationType = annotationType;
      this.destination = destination;
    }

    @ProcessElement
    public void process(@Element FrameContent content, MultiOutputReceiver out) {
      Frame frame = content.getFrame();
      String input = annotationType + "_labelIds";
      String source = FrameInputs.path(frame, input);
      List<EncodedFile> files = new ArrayList<>(outputs.size());
      try {
        Raster labelIds = decodeLabelIds(content.payload(input), source);
        for (LabelOutput output : outputs) {
          String path = destination.apply(new OutputKey(frame, annotationType, output, input));
          files.add(EncodedFile.create(path, Png.encode(LabelIdsLookup.apply(labelIds, output), compression)));
        }
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failure.of(frame.getId(), source, STAGE, e));
        return;
      }
      files.forEach(out.get(FILES)::output);
      converted.inc();
    }

    /** Refuses other PNGs before decoding them: low bit depths would be scaled, not kept. */
    private static Raster decodeLabelIds(byte[] png, String source) {
      PngInfo info = Png.info(png, source);
      if (info.colorType() != PngInfo.ColorType.GRAY || info.bitDepth() != 8) {
        throw new IllegalArgumentException("a labelIds PNG is 8-bit gray, this one is " + info);
      }
      return Png.decode(png, source);
    }
  }
}

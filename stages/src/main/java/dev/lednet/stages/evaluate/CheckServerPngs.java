package dev.lednet.stages.evaluate;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.PngInfo;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.io.FileBytes;
import dev.lednet.stages.io.Spread;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Checks a split's predictions for the Cityscapes evaluation server: every frame needs exactly one
 * PNG named {@code <city>_<seq>_<frame>*.png} under the predictions root (found by {@link
 * MatchPredictions}, as the official script finds them) that is a single-channel 8-bit image of
 * the size of the frame's {@code leftImg8bit} image and holds labelIds only (checked by {@link
 * PredictionValidator}, so the messages are those of {@code lednet evaluate}). Every problem is a
 * {@link Failure} on {@link #FAILURES} naming the frame and the file, a PNG whose name fits several
 * frames included; the files that pass go to {@link #CHECKED}. PNGs that look like trainIds, and
 * PNGs that fit no frame, go to {@link #WARNINGS}.
 */
public final class CheckServerPngs extends PTransform<PCollection<Frame>, PCollectionTuple> {

  public static final TupleTag<ServerPng> CHECKED = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};
  public static final TupleTag<Failure> WARNINGS = new TupleTag<>() {};

  /** The {@link Failure#getStage()} of the problems this transform finds itself. */
  public static final String STAGE = "CheckServerPngs";

  /** The frame component whose PNG header gives the size a prediction must have. */
  public static final String IMAGE = "leftImg8bit";

  /** The reason of the warning about a PNG whose name fits no frame. */
  public static final String FITS_NO_FRAME =
      "PNG fits no frame: its name starts with no frame's <city>_<seq>_<frame>";

  private final String root;

  private CheckServerPngs(String root) {
    this.root = root;
  }

  /** Predictions anywhere under {@code root}, a local directory or {@code gs://bucket/prefix}. */
  public static CheckServerPngs under(String root) {
    if (root == null || root.isEmpty()) {
      throw new IllegalArgumentException("a predictions root is needed");
    }
    return new CheckServerPngs(root);
  }

  @Override
  public PCollectionTuple expand(PCollection<Frame> frames) {
    PCollectionTuple matched = frames.apply("MatchPredictions", MatchPredictions.under(root));
    PCollectionTuple checked =
        matched
            .get(MatchPredictions.MATCHED)
            .apply(
                "CheckPngs",
                ParDo.of(new CheckFn(root))
                    .withOutputTags(CHECKED, TupleTagList.of(FAILURES).and(WARNINGS)));

    // A multimap, not a map: the input may repeat a frame, and a map view refuses that.
    PCollectionView<Map<String, Iterable<String>>> frameIds =
        frames
            .apply(
                "KeyById",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((Frame frame) -> KV.of(frame.getId(), frame.getSplit())))
            .apply("FrameIds", View.asMultimap());
    PCollectionTuple unmatched =
        frames
            .getPipeline()
            .apply("PredictionsRoot", Create.of(root))
            .apply("ListPngs", ParDo.of(new MatchPredictions.ListPngFilesFn()))
            .apply("Spread", Spread.evenly())
            .apply(
                "FindUnmatched",
                ParDo.of(new UnmatchedFn(frameIds))
                    .withSideInputs(frameIds)
                    .withOutputTags(FAILURES, TupleTagList.of(WARNINGS)));

    PCollection<Failure> failures =
        PCollectionList.of(matched.get(MatchPredictions.MISSING))
            .and(checked.get(FAILURES))
            .and(unmatched.get(FAILURES))
            .apply("AllFailures", Flatten.pCollections());
    PCollection<Failure> warnings =
        PCollectionList.of(checked.get(WARNINGS))
            .and(unmatched.get(WARNINGS))
            .apply("AllWarnings", Flatten.pCollections());
    return PCollectionTuple.of(CHECKED, checked.get(CHECKED))
        .and(FAILURES, failures)
        .and(WARNINGS, warnings);
  }

  /** Why a prediction cannot be submitted, and which file is at fault. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final String file;

    Rejected(String file, String reason) {
      super(reason);
      this.file = file;
    }
  }

  /** Decodes each frame's one prediction and checks its format, size and values. */
  static final class CheckFn extends DoFn<Frame, ServerPng> {
    // The signature and the IHDR chunk: the image's size without reading its 2 MB.
    private static final int PNG_HEAD = 33;

    private final String root;
    private final Counter done = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private transient PredictionValidator validator;
    private transient String rootPrefix;

    CheckFn(String root) {
      this.root = root;
    }

    @Setup
    public void setup() {
      validator = PredictionValidator.forIds(IdSpace.LABEL_IDS);
      // Spelt as the listing spells paths: absolute and normalised, ending in '/'.
      rootPrefix = FileSystems.matchNewResource(root, true).toString();
    }

    @ProcessElement
    public void process(@Element Frame frame, MultiOutputReceiver out) {
      String id = frame.getId();
      String prediction = frame.file(ComputeFrameConfusion.PREDICTION);
      try {
        String entryName = entryName(prediction);
        PngInfo image = imageHeader(frame, prediction);
        byte[] png = read(prediction);
        long[] histogram = histogram(decode(png, prediction, image));
        Optional<String> valueError = validator.valueError(histogram);
        if (valueError.isPresent()) {
          throw new Rejected(prediction, valueError.get());
        }
        validator
            .warning(histogram)
            .ifPresent(w -> out.get(WARNINGS).output(Failure.create(id, prediction, STAGE, w)));
        CRC32 crc = new CRC32();
        crc.update(png);
        out.get(CHECKED).output(ServerPng.create(id, prediction, entryName, png.length, crc.getValue()));
        done.inc();
      } catch (Rejected e) {
        out.get(FAILURES).output(Failure.create(id, e.file, STAGE, e.getMessage()));
      }
    }

    private String entryName(String prediction) throws Rejected {
      if (!prediction.startsWith(rootPrefix) || prediction.length() == rootPrefix.length()) {
        throw new Rejected(prediction, "prediction is not under the predictions root " + rootPrefix);
      }
      return prediction.substring(rootPrefix.length());
    }

    private PngInfo imageHeader(Frame frame, String prediction) throws Rejected {
      if (!frame.has(IMAGE)) {
        throw new Rejected(
            prediction, "frame " + frame.getId() + " has no " + IMAGE + " image to take its size from");
      }
      String image = frame.file(IMAGE);
      try {
        return Png.info(FileBytes.readHead(image, PNG_HEAD), image);
      } catch (IOException | IllegalArgumentException e) {
        throw new Rejected(image, "cannot read the frame's size from its image: " + e.getMessage());
      }
    }

    private static byte[] read(String prediction) throws Rejected {
      try {
        return FileBytes.read(prediction);
      } catch (IOException e) {
        throw new Rejected(prediction, "cannot read the prediction: " + e.getMessage());
      }
    }

    private Raster decode(byte[] png, String prediction, PngInfo image) throws Rejected {
      Raster raster;
      try {
        raster = Png.decode(png, prediction);
      } catch (IllegalArgumentException e) {
        throw new Rejected(prediction, e.getMessage());
      }
      Optional<String> formatError = validator.formatError(raster, image.width(), image.height());
      if (formatError.isPresent()) {
        throw new Rejected(prediction, formatError.get());
      }
      return raster;
    }

    private static long[] histogram(Raster ids) {
      long[] histogram = new long[256];
      for (byte value : ids.bytes()) {
        histogram[value & 0xff]++;
      }
      return histogram;
    }
  }

  /**
   * Every PNG under the root whose name fits no frame (a warning: it would not be scored), or fits
   * several (a failure of each frame: the official script would score it for all of them).
   */
  static final class UnmatchedFn extends DoFn<String, Failure> {
    private final PCollectionView<Map<String, Iterable<String>>> frameIds;

    UnmatchedFn(PCollectionView<Map<String, Iterable<String>>> frameIds) {
      this.frameIds = frameIds;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      String path = context.element();
      String name = FrameId.baseNameOf(path);
      Map<String, Iterable<String>> frames = context.sideInput(frameIds);
      List<String> fits =
          MatchPredictions.matchingFrameIds(name).stream().filter(frames::containsKey).toList();
      if (fits.isEmpty()) {
        context.output(
            WARNINGS,
            Failure.create(name, path, STAGE, FITS_NO_FRAME));
      } else if (fits.size() > 1) {
        for (String id : fits) {
          context.output(
              Failure.create(
                  id,
                  path,
                  STAGE,
                  "prediction fits "
                      + fits.size()
                      + " frames ("
                      + String.join(", ", fits)
                      + "): the official script would score it for each; name it after one frame"));
        }
      }
    }
  }
}

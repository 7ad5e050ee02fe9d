package dev.lednet.stages.evaluate;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.io.DatasetLayout;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Draws {@link FramePictures} of frames read with their ground truth and prediction, as PNG files
 * {@code <dir>/<frameId>_truth.png}, {@code _prediction.png} and {@code _errors.png} on {@link
 * #PICTURES}; a frame whose images cannot be decoded goes to {@link #FAILURES}.
 */
public final class DrawFramePictures extends PTransform<PCollection<FrameContent>, PCollectionTuple> {

  public static final TupleTag<EncodedFile> PICTURES = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  /** The suffixes of the three files of a frame, {@code <frameId>_<suffix>.png}. */
  public static final String TRUTH = "truth";

  public static final String PREDICTION = "prediction";
  public static final String ERRORS = "errors";

  private static final int DEFAULT_WIDTH = 320;

  private final String dir;
  private final IdSpace ids;
  private final int width;

  private DrawFramePictures(String dir, IdSpace ids, int width) {
    this.dir = dir;
    this.ids = ids;
    this.width = width;
  }

  /** Pictures of labelIds frames, {@value #DEFAULT_WIDTH} pixels wide, written under {@code dir}. */
  public static DrawFramePictures to(String dir) {
    return new DrawFramePictures(dir, IdSpace.LABEL_IDS, DEFAULT_WIDTH);
  }

  public DrawFramePictures withIds(IdSpace ids) {
    return new DrawFramePictures(dir, ids, width);
  }

  public DrawFramePictures withWidth(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("picture width must be positive, got " + width);
    }
    return new DrawFramePictures(dir, ids, width);
  }

  /** Where the picture {@code suffix} of a frame is written under {@code dir}. */
  public static String path(String dir, String frameId, String suffix) {
    return DatasetLayout.join(dir, frameId + "_" + suffix + ".png");
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameContent> frames) {
    return frames.apply(
        "Draw",
        ParDo.of(new DrawFn(dir, ids, width)).withOutputTags(PICTURES, TupleTagList.of(FAILURES)));
  }

  static final class DrawFn extends DoFn<FrameContent, EncodedFile> {
    private final String dir;
    private final IdSpace ids;
    private final int width;

    DrawFn(String dir, IdSpace ids, int width) {
      this.dir = dir;
      this.ids = ids;
      this.width = width;
    }

    @ProcessElement
    public void process(@Element FrameContent frame, MultiOutputReceiver out) {
      String id = frame.getFrame().getId();
      FramePictures pictures;
      try {
        Raster truth = Png.decode(frame.payload(ids.groundTruthComponent()), id);
        Raster prediction = Png.decode(frame.payload(ComputeFrameConfusion.PREDICTION), id);
        pictures = FramePictures.draw(truth, prediction, ids, width);
      } catch (RuntimeException e) {
        out.get(FAILURES)
            .output(
                Failure.of(
                    id,
                    frame.getFrame().getFiles().getOrDefault(ComputeFrameConfusion.PREDICTION, id),
                    "DrawFramePictures",
                    e));
        return;
      }
      out.get(PICTURES).output(EncodedFile.create(path(dir, id, TRUTH), pictures.truth()));
      out.get(PICTURES).output(EncodedFile.create(path(dir, id, PREDICTION), pictures.prediction()));
      out.get(PICTURES).output(EncodedFile.create(path(dir, id, ERRORS), pictures.errors()));
    }
  }
}

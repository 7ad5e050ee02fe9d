package dev.lednet.stages.baseline;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.PngInfo;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Predicts each frame with a {@link LocationPrior}: a labelIds PNG at the frame's full resolution
 * (read from its {@code leftImg8bit} header, without decoding pixels), named as the official
 * evaluation server expects: {@code <root>/<split>/<city>/<id>_leftImg8bit.png}.
 */
public final class PredictWithPrior extends PTransform<PCollection<Frame>, PCollectionTuple> {

  public static final TupleTag<EncodedFile> PREDICTIONS = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private final PCollection<LocationPrior> prior;
  private final String outputRoot;

  private PredictWithPrior(PCollection<LocationPrior> prior, String outputRoot) {
    this.prior = prior;
    this.outputRoot = outputRoot;
  }

  /** Predictions from this (single-element) prior, written under {@code outputRoot}. */
  public static PredictWithPrior using(PCollection<LocationPrior> prior, String outputRoot) {
    return new PredictWithPrior(prior, outputRoot);
  }

  @Override
  public PCollectionTuple expand(PCollection<Frame> frames) {
    PCollectionView<LocationPrior> view = prior.apply("AsSingleton", View.asSingleton());
    return frames.apply(
        "Predict",
        ParDo.of(new PredictFn(view, outputRoot))
            .withSideInputs(view)
            .withOutputTags(PREDICTIONS, TupleTagList.of(FAILURES)));
  }

  static final class PredictFn extends DoFn<Frame, EncodedFile> {
    private final Counter done = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private final PCollectionView<LocationPrior> prior;
    private final String outputRoot;

    PredictFn(PCollectionView<LocationPrior> prior, String outputRoot) {
      this.prior = prior;
      this.outputRoot = outputRoot;
    }

    @ProcessElement
    public void process(@Element Frame frame, ProcessContext context, MultiOutputReceiver out) {
      String image = frame.file("leftImg8bit");
      try {
        // The IHDR chunk ends at byte 33: the size is all a prediction needs of the image.
        PngInfo info = Png.info(FileBytes.readHead(image, 33), image);
        byte[] png =
            Png.encode(
                context.sideInput(prior).predictLabelIds(info.width(), info.height()),
                Png.Compression.FAST);
        String path =
            DatasetLayout.join(
                outputRoot,
                frame.getSplit(),
                frame.getCity(),
                frame.getId() + "_leftImg8bit.png");
        out.get(PREDICTIONS).output(EncodedFile.create(path, png));
        done.inc();
      } catch (Exception e) {
        out.get(FAILURES).output(Failure.of(frame.getId(), image, "PredictWithPrior", e));
      }
    }
  }
}

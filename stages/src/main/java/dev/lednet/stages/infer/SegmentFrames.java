package dev.lednet.stages.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.Segmenter;
import dev.lednet.model.nn.AlignCornersBilinear;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.schemas.Segmentation;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Runs a segmentation model over frames' {@code leftImg8bit} images: decode, resize to the model
 * input as the reference does (Pillow bilinear), batch, forward, arg-max, back to full resolution.
 * Frames are batched within a bundle, so a GPU sees full batches without a shuffle of decoded
 * pixels; the model is loaded once per worker JVM and shared ({@link SharedSegmenters}).
 */
public final class SegmentFrames extends PTransform<PCollection<FrameContent>, PCollectionTuple> {

  public static final TupleTag<Segmentation> SEGMENTATIONS = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  /** The image component read for each frame. */
  public static final String IMAGE = "leftImg8bit";

  private final ModelSpec model;
  private final int batchSize;
  private final int inputWidth;
  private final int inputHeight;
  private final Upsample upsample;
  private final boolean keepImage;

  private SegmentFrames(
      ModelSpec model, int batchSize, int inputWidth, int inputHeight, Upsample upsample, boolean keepImage) {
    this.model = model;
    this.batchSize = batchSize;
    this.inputWidth = inputWidth;
    this.inputHeight = inputHeight;
    this.upsample = upsample;
    this.keepImage = keepImage;
  }

  /** Batches of 4 at LEDNet's 1024x512 input, nearest upsampling as the reference. */
  public static SegmentFrames with(ModelSpec model) {
    return new SegmentFrames(model, 4, 1024, 512, Upsample.NEAREST, false);
  }

  public SegmentFrames withBatchSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be at least 1: " + size);
    }
    return new SegmentFrames(model, size, inputWidth, inputHeight, upsample, keepImage);
  }

  public SegmentFrames withInputSize(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("input size must be positive: " + width + "x" + height);
    }
    return new SegmentFrames(model, batchSize, width, height, upsample, keepImage);
  }

  public SegmentFrames withUpsample(Upsample how) {
    return new SegmentFrames(model, batchSize, inputWidth, inputHeight, how, keepImage);
  }

  /** Keeps each frame's encoded image in its {@link Segmentation}, for overlays. */
  public SegmentFrames withImages(boolean keep) {
    return new SegmentFrames(model, batchSize, inputWidth, inputHeight, upsample, keep);
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameContent> frames) {
    return frames.apply(
        "Segment",
        ParDo.of(new SegmentFn(this)).withOutputTags(SEGMENTATIONS, TupleTagList.of(FAILURES)));
  }

  /** A decoded frame waiting for its batch. */
  private record Pending(
      Frame frame, int width, int height, byte[] image, Instant timestamp, BoundedWindow window) {}

  /** What became of a pending frame: a segmentation or a failure. */
  private record Result(
      Pending pending, @Nullable Segmentation segmentation, @Nullable Failure failure) {}

  static final class SegmentFn extends DoFn<FrameContent, Segmentation> {
    private final Counter failed = StageMetrics.counter(StageMetrics.FAILURES);
    private final Distribution batchMillis = Metrics.distribution(StageMetrics.NAMESPACE, "batchMillis");
    private final ModelSpec spec;
    private final int batchSize;
    private final int width;
    private final int height;
    private final Upsample upsample;
    private final boolean keepImage;

    private transient Segmenter segmenter;
    private transient ModelInput input;
    private transient NDManager manager;
    private transient float[] pixels;
    private transient List<Pending> pending;

    SegmentFn(SegmentFrames t) {
      this.spec = t.model;
      this.batchSize = t.batchSize;
      this.width = t.inputWidth;
      this.height = t.inputHeight;
      this.upsample = t.upsample;
      this.keepImage = t.keepImage;
    }

    @Setup
    public void setup() {
      segmenter = SharedSegmenters.get(spec);
      ModelDescription d = segmenter.description();
      input = ModelInput.of(d);
      manager = NDManager.newBaseManager(segmenter.device());
      pixels = new float[batchSize * 3 * width * height];
    }

    @StartBundle
    public void startBundle() {
      pending = new ArrayList<>(batchSize);
    }

    @ProcessElement
    public void process(
        @Element FrameContent content,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        MultiOutputReceiver out) {
      Frame frame = content.getFrame();
      byte[] png = content.payload(IMAGE);
      Raster image;
      try {
        image = Png.decode(png, frame.file(IMAGE));
        Raster resized = Resize.bilinear(rgb(image, frame), width, height);
        input.write(resized, pixels, pending.size() * 3 * width * height);
      } catch (RuntimeException e) {
        failed.inc();
        out.get(FAILURES).output(Failure.of(frame.getId(), frame.file(IMAGE), "SegmentFrames", e));
        return;
      }
      pending.add(
          new Pending(frame, image.width(), image.height(), keepImage ? png : new byte[0], timestamp, window));
      if (pending.size() == batchSize) {
        for (Result r : runBatch()) {
          if (r.segmentation() != null) {
            out.get(SEGMENTATIONS).output(r.segmentation());
          } else {
            out.get(FAILURES).output(r.failure());
          }
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      if (pending.isEmpty()) {
        return;
      }
      for (Result r : runBatch()) {
        Pending p = r.pending();
        if (r.segmentation() != null) {
          context.output(SEGMENTATIONS, r.segmentation(), p.timestamp(), p.window());
        } else {
          context.output(FAILURES, r.failure(), p.timestamp(), p.window());
        }
      }
    }

    @Teardown
    public void teardown() {
      if (manager != null) {
        manager.close();
      }
    }

    /** Forwards the pending frames as one batch; a failed batch fails each of its frames. */
    private List<Result> runBatch() {
      long start = System.nanoTime();
      int n = pending.size();
      List<Result> results = new ArrayList<>(n);
      try (NDManager batch = manager.newSubManager()) {
        float[] values = n == batchSize ? pixels : Arrays.copyOf(pixels, n * 3 * width * height);
        NDArray scores = segmenter.forward(batch.create(values, new Shape(n, 3, height, width)));
        scores.attach(batch);
        for (int i = 0; i < n; i++) {
          Pending p = pending.get(i);
          results.add(new Result(p, fullResolution(scores.get(i), p), null));
        }
      } catch (RuntimeException e) {
        results.clear();
        for (Pending p : pending) {
          failed.inc();
          results.add(new Result(p, null, Failure.of(p.frame().getId(), p.frame().file(IMAGE), "SegmentFrames", e)));
        }
      } finally {
        pending.clear();
      }
      batchMillis.update((System.nanoTime() - start) / 1_000_000);
      return results;
    }

    private Segmentation fullResolution(NDArray scores, Pending p) {
      if (upsample == Upsample.BILINEAR) {
        NDArray resized = AlignCornersBilinear.resize(scores.expandDims(0), p.height(), p.width());
        return Segmentation.create(
            p.frame(), p.width(), p.height(), ScoreArgMax.trainIds(resized.get(0)), p.image());
      }
      int w = (int) scores.getShape().get(2);
      int h = (int) scores.getShape().get(1);
      byte[] classes = ScoreArgMax.trainIds(scores);
      byte[] full =
          w == p.width() && h == p.height()
              ? classes
              : Resize.nearest(Raster.gray8(w, h, classes), p.width(), p.height()).bytes();
      return Segmentation.create(p.frame(), p.width(), p.height(), full, p.image());
    }

    private static Raster rgb(Raster image, Frame frame) {
      return switch (image.format()) {
        case RGB8, GRAY8 -> image;
        case RGBA8 -> dropAlpha(image);
        default ->
            throw new IllegalArgumentException(
                frame.file(IMAGE) + ": a " + image.format() + " image; expected 8-bit RGB");
      };
    }

    private static Raster dropAlpha(Raster rgba) {
      byte[] in = rgba.bytes();
      byte[] out = new byte[rgba.width() * rgba.height() * 3];
      for (int i = 0, j = 0; j < out.length; i += 4, j += 3) {
        out[j] = in[i];
        out[j + 1] = in[i + 1];
        out[j + 2] = in[i + 2];
      }
      return Raster.rgb(rgba.width(), rgba.height(), out);
    }
  }
}

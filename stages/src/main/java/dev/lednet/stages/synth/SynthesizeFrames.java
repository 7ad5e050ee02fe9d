package dev.lednet.stages.synth;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.EncodedFile;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.io.DatasetLayout;
import java.util.List;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Synthesizes a Cityscapes-format dataset: for each frame its {@code gtFine_polygons.json} and
 * {@code leftImg8bit.png}, at {@code <root>/gtFine/<split>/<city>/<id>_gtFine_polygons.json} and
 * {@code <root>/leftImg8bit/<split>/<city>/<id>_leftImg8bit.png}, ready for {@code WriteFiles}.
 * Frames are spread over workers and made independently; the output depends only on the options.
 */
public final class SynthesizeFrames extends PTransform<PBegin, PCollection<EncodedFile>> {

  private static final long serialVersionUID = 1L;

  private final long first;
  private final long frames;
  private final int width;
  private final int height;
  private final long seed;
  private final ImmutableList<String> splits;
  private final String outputRoot;

  private SynthesizeFrames(
      long first,
      long frames,
      int width,
      int height,
      long seed,
      ImmutableList<String> splits,
      String outputRoot) {
    this.first = first;
    this.frames = frames;
    this.width = width;
    this.height = height;
    this.seed = seed;
    this.splits = splits;
    this.outputRoot = outputRoot;
  }

  /** {@code frames} frames of 2048x1024, seed 0, splits train, val and test. */
  public static SynthesizeFrames of(long frames) {
    if (frames < 0) {
      throw new IllegalArgumentException("frame count must be non-negative, got " + frames);
    }
    return new SynthesizeFrames(0, frames, 2048, 1024, 0, ImmutableList.of("train", "val", "test"), null);
  }

  public SynthesizeFrames withSize(int width, int height) {
    StreetSceneGenerator.of(width, height); // fails early on a size it cannot draw
    return new SynthesizeFrames(first, frames, width, height, seed, splits, outputRoot);
  }

  public SynthesizeFrames withSeed(long seed) {
    return new SynthesizeFrames(first, frames, width, height, seed, splits, outputRoot);
  }

  /** Splits that take frames in turn. */
  public SynthesizeFrames withSplits(List<String> splits) {
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("at least one split is needed");
    }
    return new SynthesizeFrames(first, frames, width, height, seed, ImmutableList.copyOf(splits), outputRoot);
  }

  /**
   * Starts at frame index {@code first} instead of 0, so that a second run adds frames to a
   * dataset (e.g. a few full-size frames beside small ones) without reusing frame ids.
   */
  public SynthesizeFrames withFirstIndex(long first) {
    if (first < 0) {
      throw new IllegalArgumentException("first frame index must be non-negative, got " + first);
    }
    return new SynthesizeFrames(first, frames, width, height, seed, splits, outputRoot);
  }

  /** The dataset root, a local path or {@code gs://bucket/prefix}. */
  public SynthesizeFrames withOutputRoot(String outputRoot) {
    return new SynthesizeFrames(first, frames, width, height, seed, splits, outputRoot);
  }

  @Override
  public PCollection<EncodedFile> expand(PBegin input) {
    if (outputRoot == null || outputRoot.isEmpty()) {
      throw new IllegalStateException("SynthesizeFrames needs withOutputRoot(...)");
    }
    return input
        .apply("FrameIndices", GenerateSequence.from(first).to(first + frames))
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("Synthesize", ParDo.of(new SynthesizeFn(width, height, seed, splits, outputRoot)));
  }

  /** Generates, renders and encodes one frame. */
  static final class SynthesizeFn extends DoFn<Long, EncodedFile> {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final int height;
    private final long seed;
    private final ImmutableList<String> splits;
    private final String outputRoot;
    private final Counter done = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private transient StreetSceneGenerator generator;
    private transient StreetSceneRenderer renderer;

    SynthesizeFn(int width, int height, long seed, ImmutableList<String> splits, String outputRoot) {
      this.width = width;
      this.height = height;
      this.seed = seed;
      this.splits = splits;
      this.outputRoot = outputRoot;
    }

    @Setup
    public void setup() {
      generator = StreetSceneGenerator.of(width, height);
      renderer = StreetSceneRenderer.create();
    }

    @ProcessElement
    public void process(@Element Long index, OutputReceiver<EncodedFile> out) {
      SyntheticFrame frame = SyntheticFrame.of(index, splits);
      StreetScene scene = generator.generate(seed, index);
      String city = frame.id().city();
      String id = frame.id().toString();
      out.output(
          EncodedFile.create(
              DatasetLayout.path(outputRoot, frame.split(), city, id, "gtFine_polygons"),
              PolygonsJson.write(scene)));
      out.output(
          EncodedFile.create(
              DatasetLayout.path(outputRoot, frame.split(), city, id, "leftImg8bit"),
              Png.encode(renderer.render(scene), Png.Compression.FAST)));
      done.inc();
    }
  }
}

package dev.lednet.stages.augment;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Makes {@code copies} augmented samples of each frame ({@code leftImg8bit} image and {@code
 * gtFine_labelTrainIds} label map), each copy a separate {@link AugmentedSample} on {@link
 * #SAMPLES} with its own draw of {@link AugmentRecipe#draw} from (seed, frame id, copy index).
 * Each frame is decoded once and resized once per distinct size. A frame whose image or label
 * cannot be decoded, whose sizes differ or whose label holds values that are not trainIds goes to
 * {@link #FAILURES} naming the file.
 *
 * <pre>{@code
 * PCollectionTuple augmented = content.apply(
 *     AugmentFrames.with(AugmentRecipe.reference().withCrop(1024, 512)).withSeed(7).withCopies(4));
 * }</pre>
 */
public final class AugmentFrames extends PTransform<PCollection<FrameContent>, PCollectionTuple> {

  public static final TupleTag<AugmentedSample> SAMPLES = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  /** The components read for each frame. */
  public static final String IMAGE = "leftImg8bit";

  public static final String LABEL = "gtFine_labelTrainIds";

  /** Counter of samples made. */
  public static final String SAMPLES_DONE = "samplesDone";

  static final String STAGE = "AugmentFrames";

  private final AugmentRecipe recipe;
  private final long seed;
  private final int copies;
  private final Png.Compression compression;
  private final @Nullable PCollectionView<ShardPlan> skip;

  private AugmentFrames(
      AugmentRecipe recipe, long seed, int copies, Png.Compression compression, @Nullable PCollectionView<ShardPlan> skip) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1: " + copies);
    }
    this.recipe = recipe;
    this.seed = seed;
    this.copies = copies;
    this.compression = compression;
    this.skip = skip;
  }

  /** One copy of each frame with seed 0. */
  public static AugmentFrames with(AugmentRecipe recipe) {
    return new AugmentFrames(recipe, 0, 1, Png.Compression.FAST, null);
  }

  public AugmentFrames withSeed(long seed) {
    return new AugmentFrames(recipe, seed, copies, compression, skip);
  }

  /** Copies 0..copies-1 of each frame. */
  public AugmentFrames withCopies(int copies) {
    return new AugmentFrames(recipe, seed, copies, compression, skip);
  }

  /** PNG compression of the samples ({@link Png.Compression#FAST} by default). */
  public AugmentFrames withCompression(Png.Compression compression) {
    return new AugmentFrames(recipe, seed, copies, compression, skip);
  }

  /** Leaves out copies whose shard the plan marks written (a resumed job). */
  public AugmentFrames skippingWritten(PCollectionView<ShardPlan> plan) {
    return new AugmentFrames(recipe, seed, copies, compression, plan);
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameContent> frames) {
    ParDo.MultiOutput<FrameContent, AugmentedSample> augment =
        ParDo.of(new AugmentFn(recipe, seed, copies, compression, skip))
            .withOutputTags(SAMPLES, TupleTagList.of(FAILURES));
    return frames.apply("Augment", skip == null ? augment : augment.withSideInputs(skip));
  }

  /**
   * An image as RGB the way Pillow's {@code convert("RGB")} makes it: gray repeated, alpha
   * dropped, palette looked up.
   */
  static Raster toRgb(Raster image) {
    if (image.format() == Raster.Format.RGB8) {
      return image;
    }
    int n = image.width() * image.height();
    byte[] in = image.bytes();
    byte[] out = new byte[3 * n];
    switch (image.format()) {
      case GRAY8 -> {
        for (int i = 0; i < n; i++) {
          out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = in[i];
        }
      }
      case RGBA8 -> {
        for (int i = 0; i < n; i++) {
          System.arraycopy(in, 4 * i, out, 3 * i, 3);
        }
      }
      case INDEXED8 -> {
        int[] palette = image.palette();
        for (int i = 0; i < n; i++) {
          int index = in[i] & 0xff;
          int rgb = index < palette.length ? palette[index] : 0;
          out[3 * i] = (byte) (rgb >> 16);
          out[3 * i + 1] = (byte) (rgb >> 8);
          out[3 * i + 2] = (byte) rgb;
        }
      }
      default -> throw new IllegalArgumentException("an image must be 8-bit RGB, RGBA, gray or palette, not " + image);
    }
    return Raster.rgb(image.width(), image.height(), out);
  }

  static final class AugmentFn extends DoFn<FrameContent, AugmentedSample> {
    private final Counter framesDone = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private final Counter samplesDone = StageMetrics.counter(SAMPLES_DONE);
    private final AugmentRecipe recipe;
    private final long seed;
    private final int copies;
    private final Png.Compression compression;
    private final @Nullable PCollectionView<ShardPlan> skip;

    AugmentFn(
        AugmentRecipe recipe, long seed, int copies, Png.Compression compression, @Nullable PCollectionView<ShardPlan> skip) {
      this.recipe = recipe;
      this.seed = seed;
      this.copies = copies;
      this.compression = compression;
      this.skip = skip;
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) {
      FrameContent content = c.element();
      Frame frame = content.getFrame();
      List<Integer> todo = new ArrayList<>();
      ShardPlan plan = skip == null ? null : c.sideInput(skip);
      for (int copy = 0; copy < copies; copy++) {
        if (plan == null || !plan.isWritten(AugmentedSample.key(frame.getId(), copy))) {
          todo.add(copy);
        }
      }
      if (todo.isEmpty()) {
        return;
      }
      String imagePath = frame.file(IMAGE);
      String labelPath = frame.file(LABEL);
      Raster image;
      Raster label;
      try {
        image = toRgb(Png.decode(content.payload(IMAGE), imagePath));
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failure.of(frame.getId(), imagePath, STAGE, e));
        return;
      }
      try {
        label = Png.decode(content.payload(LABEL), labelPath);
        ClassPixels.count(label); // only trainIds
        if (label.width() != image.width() || label.height() != image.height()) {
          throw new IllegalArgumentException(
              "label is " + label.width() + "x" + label.height() + " but its image " + imagePath + " is "
                  + image.width() + "x" + image.height());
        }
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failure.of(frame.getId(), labelPath, STAGE, e));
        return;
      }
      Raster decodedImage = image;
      Raster decodedLabel = label;
      List<AugmentedSample> samples = new ArrayList<>(todo.size());
      try {
        Map<Long, AugmentedPair> resized = new HashMap<>();
        for (int copy : todo) {
          SampleDraw draw =
              recipe.draw(seed, frame.getId(), copy, decodedImage.width(), decodedImage.height());
          long size = ((long) draw.resizeWidth() << 32) | draw.resizeHeight();
          AugmentedPair base =
              resized.computeIfAbsent(
                  size,
                  s ->
                      new AugmentedPair(
                          Resize.bilinear(decodedImage, draw.resizeWidth(), draw.resizeHeight()),
                          Resize.nearest(decodedLabel, draw.resizeWidth(), draw.resizeHeight())));
          AugmentedPair pair = AugmentRecipe.applyResized(base.image(), base.label(), draw);
          samples.add(encode(frame, copy, draw, pair));
        }
      } catch (RuntimeException e) {
        out.get(FAILURES).output(Failure.of(frame.getId(), imagePath, STAGE, e));
        return;
      }
      samples.forEach(out.get(SAMPLES)::output);
      framesDone.inc();
      samplesDone.inc(samples.size());
    }

    private AugmentedSample encode(Frame frame, int copy, SampleDraw draw, AugmentedPair pair) {
      String key = AugmentedSample.key(frame.getId(), copy);
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("key", key);
      metadata.put("frameId", frame.getId());
      metadata.put("split", frame.getSplit());
      metadata.put("copy", copy);
      metadata.put("seed", seed);
      metadata.put("draw", draw.toMap());
      return AugmentedSample.create(
          key,
          frame.getId(),
          copy,
          pair.image().width(),
          pair.image().height(),
          Png.encode(pair.image(), compression),
          Png.encode(pair.label(), compression),
          ShardJson.compact(metadata),
          ClassPixels.asList(ClassPixels.count(pair.label())));
    }
  }
}

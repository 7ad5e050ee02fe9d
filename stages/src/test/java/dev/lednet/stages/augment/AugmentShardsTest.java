package dev.lednet.stages.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AugmentFrames} and {@link WriteShards} on small synthetic frames, read back with {@link
 * ShardReader}: exactly the pixels {@link AugmentRecipe#apply} gives, in plan order, and clear
 * errors for broken shards and broken inputs.
 */
@ExtendWith(TestPipelineExtension.class)
class AugmentShardsTest {

  static final AugmentRecipe RECIPE =
      AugmentRecipe.reference().withHeight(48).withScale(0.75, 1.25).withCrop(64, 40).withJitter(0.2, 0.2, 0.2);
  static final List<String> FRAMES = List.of("aachen_000000_000019", "bochum_000000_000019", "bremen_000000_000019");
  static final long SEED = 11;

  @TempDir Path work;

  static Raster label(int frame) {
    Raster base = AugmentAlignmentTest.labels();
    return frame == 0 ? base : RasterWindows.translate(RasterWindows.flipLeftRight(base), 7 * frame, 3 * frame, 255);
  }

  static Raster image(int frame) {
    Raster label = label(frame);
    Raster image = AugmentAlignmentTest.imageFor(label);
    byte[] rgb = image.bytes().clone();
    byte[] ids = label.bytes();
    for (int i = 0; i < ids.length; i++) {
      if ((ids[i] & 0xff) == 255) {
        rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) 90;
      }
    }
    return Raster.rgb(image.width(), image.height(), rgb);
  }

  static FrameContent content(String id, byte[] image, byte[] label) {
    String city = id.substring(0, id.indexOf('_'));
    Frame frame =
        Frame.create(
            id,
            "train",
            city,
            Map.of(
                AugmentFrames.IMAGE, "/data/leftImg8bit/train/" + city + "/" + id + "_leftImg8bit.png",
                AugmentFrames.LABEL, "/data/gtFine/train/" + city + "/" + id + "_gtFine_labelTrainIds.png"));
    return FrameContent.of(frame, Map.of(AugmentFrames.IMAGE, image, AugmentFrames.LABEL, label));
  }

  static List<FrameContent> frames() {
    List<FrameContent> frames = new ArrayList<>();
    for (int i = 0; i < FRAMES.size(); i++) {
      frames.add(content(FRAMES.get(i), Png.encode(image(i)), Png.encode(label(i))));
    }
    return frames;
  }

  static final class FrameOf extends SimpleFunction<FrameContent, Frame> {
    @Override
    public Frame apply(FrameContent content) {
      return content.getFrame();
    }
  }

  /** Augments {@code frames} into shards under {@code out}; returns the failures. */
  static PCollection<Failure> writeShards(TestPipeline p, List<FrameContent> frames, String out, int copies) {
    PCollection<FrameContent> content = p.apply("Frames", Create.of(frames));
    PCollectionView<ShardPlan> plan =
        content
            .apply("FrameOf", MapElements.via(new FrameOf()))
            .apply("Plan", PlanShards.of(RECIPE, SEED, copies).withSamplesPerShard(4));
    PCollectionTuple augmented =
        content.apply(
            "Augment", AugmentFrames.with(RECIPE).withSeed(SEED).withCopies(copies).skippingWritten(plan));
    augmented
        .get(AugmentFrames.SAMPLES)
        .apply("Write", WriteShards.to(out, plan).withSource(Map.of("split", "train")));
    return augmented.get(AugmentFrames.FAILURES);
  }

  @Test
  void shardReaderReadsBackExactlyWhatWasWritten(TestPipeline p) throws IOException {
    String out = work.resolve("shards").toString();
    PAssert.that(writeShards(p, frames(), out, 3)).empty();
    p.run().waitUntilFinish();

    ShardReader reader = ShardReader.open(out + "/manifest.json");
    ShardManifest manifest = reader.manifest();
    assertEquals(9, manifest.samples());
    assertEquals(3, manifest.frames());
    assertEquals(List.of(4L, 4L, 1L), manifest.shards().stream().map(ShardManifest.Shard::samples).toList());
    assertEquals(Map.of("64x40", 9L), manifest.imageSizes());
    assertEquals(RECIPE, manifest.recipe());
    assertEquals(SEED, manifest.seed());

    List<ShardSample> samples;
    try (Stream<ShardSample> stream = reader.samples()) {
      samples = stream.toList();
    }
    ShardPlan plan = ShardPlan.of(FRAMES, RECIPE, SEED, 3, 4);
    assertEquals(plan.keys(), samples.stream().map(ShardSample::key).toList(), "samples in plan order");
    long[] pixels = new long[ClassPixels.SIZE];
    for (ShardSample sample : samples) {
      int frame = FRAMES.indexOf(sample.frameId());
      SampleDraw draw = RECIPE.draw(SEED, sample.frameId(), sample.copy(), 160, 96);
      assertEquals(draw, sample.draw());
      AugmentedPair expected = AugmentRecipe.apply(image(frame), label(frame), draw);
      assertEquals(expected.image(), sample.image(), sample.key());
      assertEquals(expected.label(), sample.label(), sample.key());
      long[] counts = ClassPixels.count(sample.label());
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] += counts[i];
      }
    }
    assertEquals(ClassPixels.asList(Arrays.copyOf(pixels, 19)), manifest.classPixels());
    assertEquals(pixels[19], manifest.ignoredPixels());
    assertEquals(9 * 64 * 40, Arrays.stream(pixels).sum());
  }

  @Test
  void aCorruptShardIsAnErrorNamingTheFile(TestPipeline p) throws IOException {
    String out = work.resolve("corrupt").toString();
    writeShards(p, frames(), out, 2);
    p.run().waitUntilFinish();
    Path shard = work.resolve("corrupt/shard-000001.tar");
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, Arrays.copyOf(bytes, bytes.length / 2));
    ShardReader reader = ShardReader.open(out + "/manifest.json");
    UncheckedIOException e;
    try (Stream<ShardSample> samples = reader.samples()) {
      e = assertThrows(UncheckedIOException.class, () -> samples.forEach(s -> {}));
    }
    assertTrue(e.getMessage().contains(shard.toString() + ": truncated tar: member "), e.getMessage());

    bytes[600] ^= 0x21; // inside the first member, a PNG
    Files.write(shard, bytes);
    try (Stream<ShardSample> samples = reader.samples(1)) {
      e = assertThrows(UncheckedIOException.class, () -> samples.forEach(s -> {}));
    }
    assertTrue(e.getMessage().startsWith(shard + ": sample "), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt PNG"), e.getMessage());
  }

  @Test
  void aShardWithFewerSamplesThanTheManifestSaysIsAnError(TestPipeline p) throws IOException {
    String out = work.resolve("short").toString();
    writeShards(p, frames(), out, 2);
    p.run().waitUntilFinish();
    Path shard = work.resolve("short/shard-000000.tar");
    ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(rewritten);
    try (Stream<ShardSample> samples = ShardReader.readShard(shard.toString())) {
      ShardSample first = samples.findFirst().orElseThrow();
      tar.add(first.key() + ".image.png", Png.encode(first.image()));
      tar.add(first.key() + ".label.png", Png.encode(first.label()));
      String metadata =
          ShardJson.compact(Map.of("frameId", first.frameId(), "copy", first.copy(), "draw", first.draw().toMap()));
      tar.add(first.key() + ".json", metadata.getBytes(StandardCharsets.UTF_8));
    }
    tar.finish();
    Files.write(shard, rewritten.toByteArray());

    try (Stream<ShardSample> samples = ShardReader.open(out + "/manifest.json").samples()) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> samples.forEach(s -> {}));
      assertEquals(shard + "" + " holds 1 samples but the manifest says 4", e.getMessage());
    }
  }

  @Test
  void aSampleWithoutItsLabelIsAnErrorNamingTheSampleAndTheFile() throws IOException {
    Path shard = work.resolve("shard-000000.tar");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(bytes);
    tar.add("aachen_000000_000019_0.image.png", Png.encode(image(0)));
    tar.add("aachen_000000_000019_0.json", "{}".getBytes(StandardCharsets.UTF_8));
    tar.finish();
    Files.write(shard, bytes.toByteArray());

    try (Stream<ShardSample> samples = ShardReader.readShard(shard.toString())) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> samples.forEach(s -> {}));
      assertEquals(
          shard + "" + ": sample aachen_000000_000019_0 has no label.png member (it has"
              + " [aachen_000000_000019_0.image.png, aachen_000000_000019_0.json])",
          e.getMessage());
    }
  }

  @Test
  void framesThatCannotBeAugmentedGoToFailuresNamingTheFile(TestPipeline p) {
    byte[] image = Png.encode(image(0));
    byte[] label = Png.encode(label(0));
    byte[] labelIds = label.clone();
    Raster bad = label(0);
    byte[] badPixels = bad.bytes().clone();
    badPixels[5] = 26;
    List<FrameContent> frames =
        List.of(
            content("aachen_000000_000001", "not a png".getBytes(StandardCharsets.UTF_8), label),
            content("aachen_000000_000002", image, Png.encode(Raster.gray8(bad.width(), bad.height(), badPixels))),
            content("aachen_000000_000003", image, Png.encode(Raster.gray8(10, 10, new byte[100]))),
            content("aachen_000000_000004", image, labelIds));
    PCollectionTuple augmented =
        p.apply(Create.of(frames)).apply(AugmentFrames.with(RECIPE).withSeed(1).withCopies(2));
    PAssert.that(augmented.get(AugmentFrames.FAILURES).apply("Describe", MapElements.via(new Describe())))
        .containsInAnyOrder(
            "/data/leftImg8bit/train/aachen/aachen_000000_000001_leftImg8bit.png: AugmentFrames:"
                + " /data/leftImg8bit/train/aachen/aachen_000000_000001_leftImg8bit.png: not a PNG: no PNG signature"
                + " in the first 8 bytes",
            "/data/gtFine/train/aachen/aachen_000000_000002_gtFine_labelTrainIds.png: AugmentFrames: label value 26"
                + " at (5, 0) is not a trainId (0..18 or 255): is this a labelIds image rather than labelTrainIds?",
            "/data/gtFine/train/aachen/aachen_000000_000003_gtFine_labelTrainIds.png: AugmentFrames: label is 10x10"
                + " but its image /data/leftImg8bit/train/aachen/aachen_000000_000003_leftImg8bit.png is 160x96");
    PAssert.that(augmented.get(AugmentFrames.SAMPLES).apply("Keys", MapElements.via(new KeyOf())))
        .containsInAnyOrder("aachen_000000_000004_0", "aachen_000000_000004_1");
    p.run().waitUntilFinish();
  }

  static final class Describe extends SimpleFunction<Failure, String> {
    @Override
    public String apply(Failure failure) {
      return failure.describe();
    }
  }

  static final class KeyOf extends SimpleFunction<AugmentedSample, String> {
    @Override
    public String apply(AugmentedSample sample) {
      return sample.getKey();
    }
  }
}

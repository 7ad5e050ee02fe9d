package dev.lednet.stages.augment;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code manifest.json} of an augment job's output: its shards (file, samples, bytes, SHA-256),
 * the totals, the image sizes, the recipe, seed and copies that made them, and the pixels of each
 * train class over every sample (for class weights). Shard files are named relative to the
 * manifest, so the directory can be moved or copied to {@code gs://} as it is.
 */
public final class ShardManifest {

  /** One shard as the manifest lists it. */
  public record Shard(String file, long samples, long bytes, String sha256) {}

  /** Member suffixes of each sample in a shard (WebDataset's "extensions"). */
  public static final String IMAGE_MEMBER = "image.png";

  public static final String LABEL_MEMBER = "label.png";

  public static final String METADATA_MEMBER = "json";

  private final String fingerprint;
  private final ImmutableMap<String, String> source;
  private final long seed;
  private final int copies;
  private final AugmentRecipe recipe;
  private final int samplesPerShard;
  private final int frames;
  private final long samples;
  private final ImmutableSortedMap<String, Long> imageSizes;
  private final ImmutableList<Long> classPixels;
  private final long ignoredPixels;
  private final ImmutableList<Shard> shards;

  private ShardManifest(
      String fingerprint,
      Map<String, String> source,
      long seed,
      int copies,
      AugmentRecipe recipe,
      int samplesPerShard,
      int frames,
      long samples,
      Map<String, Long> imageSizes,
      List<Long> classPixels,
      long ignoredPixels,
      List<Shard> shards) {
    this.fingerprint = fingerprint;
    this.source = ImmutableMap.copyOf(source);
    this.seed = seed;
    this.copies = copies;
    this.recipe = recipe;
    this.samplesPerShard = samplesPerShard;
    this.frames = frames;
    this.samples = samples;
    this.imageSizes = ImmutableSortedMap.copyOf(imageSizes);
    this.classPixels = ImmutableList.copyOf(classPixels);
    this.ignoredPixels = ignoredPixels;
    this.shards = ImmutableList.copyOf(shards);
  }

  /** The manifest of the shards described by {@code indexes}, made under {@code plan}. */
  static ShardManifest of(ShardPlan plan, Collection<ShardIndex> indexes, Map<String, String> source) {
    Map<Integer, ShardIndex> byShard = new TreeMap<>();
    indexes.forEach(index -> byShard.put(index.shard(), index));
    long[] pixels = new long[ClassPixels.SIZE];
    Map<String, Long> sizes = new TreeMap<>();
    Set<String> keys = new TreeSet<>();
    ImmutableList.Builder<Shard> shards = ImmutableList.builder();
    for (ShardIndex index : byShard.values()) {
      ClassPixels.add(pixels, index.classPixels());
      index.imageSizes().forEach((size, n) -> sizes.merge(size, n, Long::sum));
      keys.addAll(index.keys());
      shards.add(new Shard(index.file(), index.keys().size(), index.bytes(), index.sha256()));
    }
    long[] classes = java.util.Arrays.copyOf(pixels, CityscapesLabels.NUM_TRAIN_CLASSES);
    return new ShardManifest(
        plan.fingerprint(),
        source,
        plan.seed(),
        plan.copies(),
        plan.recipe(),
        plan.samplesPerShard(),
        ShardPlan.frameIdsOf(keys).size(),
        keys.size(),
        sizes,
        ClassPixels.asList(classes),
        pixels[ClassPixels.IGNORED],
        shards.build());
  }

  /** Reads a manifest, local or {@code gs://}; every problem names the file. */
  public static ShardManifest read(String path) throws IOException {
    return fromJson(FileBytes.read(path), path);
  }

  static ShardManifest fromJson(byte[] json, String source) throws IOException {
    Map<String, Object> map = ShardJson.read(json, source);
    String format = ShardJson.text(map, "format", source);
    if (!ShardPlan.FORMAT.equals(format)) {
      throw new IOException(source + ": format " + format + ", this reader knows " + ShardPlan.FORMAT);
    }
    Map<String, String> sourceMap = new LinkedHashMap<>();
    ShardJson.object(ShardJson.field(map, "source", source), "source", source)
        .forEach((k, v) -> sourceMap.put(k, String.valueOf(v)));
    ImmutableSortedMap.Builder<String, Long> sizes = ImmutableSortedMap.naturalOrder();
    ShardJson.object(ShardJson.field(map, "imageSizes", source), "imageSizes", source)
        .forEach((k, v) -> sizes.put(k, ((Number) v).longValue()));
    ImmutableList.Builder<Long> classes = ImmutableList.builder();
    for (Object n : ShardJson.list(map, "classPixels", source)) {
      classes.add(((Number) n).longValue());
    }
    ImmutableList.Builder<Shard> shards = ImmutableList.builder();
    for (Object entry : ShardJson.list(map, "shards", source)) {
      Map<String, Object> shard = ShardJson.object(entry, "a shard entry", source);
      shards.add(
          new Shard(
              ShardJson.text(shard, "file", source),
              ShardJson.number(shard, "samples", source),
              ShardJson.number(shard, "bytes", source),
              ShardJson.text(shard, "sha256", source)));
    }
    AugmentRecipe recipe;
    try {
      recipe = AugmentRecipe.fromMap(ShardJson.object(ShardJson.field(map, "recipe", source), "recipe", source));
    } catch (RuntimeException e) {
      throw new IOException(source + ": bad recipe: " + e.getMessage(), e);
    }
    return new ShardManifest(
        ShardJson.text(map, "fingerprint", source),
        sourceMap,
        ShardJson.number(map, "seed", source),
        (int) ShardJson.number(map, "copies", source),
        recipe,
        (int) ShardJson.number(map, "samplesPerShard", source),
        (int) ShardJson.number(map, "frames", source),
        ShardJson.number(map, "samples", source),
        sizes.build(),
        classes.build(),
        ShardJson.number(map, "ignoredPixels", source),
        shards.build());
  }

  public byte[] toJson() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("format", ShardPlan.FORMAT);
    map.put("fingerprint", fingerprint);
    map.put("source", source);
    map.put("seed", seed);
    map.put("copies", copies);
    map.put("recipe", recipe.toMap());
    map.put("samplesPerShard", samplesPerShard);
    map.put("frames", frames);
    map.put("samples", samples);
    map.put("imageSizes", imageSizes);
    Map<String, String> members = new LinkedHashMap<>();
    members.put("image", IMAGE_MEMBER);
    members.put("label", LABEL_MEMBER);
    members.put("metadata", METADATA_MEMBER);
    map.put("members", members);
    map.put("classNames", CityscapesLabels.trainClasses().stream().map(Label::name).toList());
    map.put("classPixels", classPixels);
    map.put("ignoredPixels", ignoredPixels);
    List<Map<String, Object>> shardList = new java.util.ArrayList<>();
    for (Shard shard : shards) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", shard.file());
      entry.put("samples", shard.samples());
      entry.put("bytes", shard.bytes());
      entry.put("sha256", shard.sha256());
      shardList.add(entry);
    }
    map.put("shards", shardList);
    return ShardJson.write(map);
  }

  /** {@link ShardPlan#fingerprint()} of the job. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Where the frames came from: {@code dataset}, {@code labels}, {@code split}. */
  public ImmutableMap<String, String> source() {
    return source;
  }

  public long seed() {
    return seed;
  }

  public int copies() {
    return copies;
  }

  public AugmentRecipe recipe() {
    return recipe;
  }

  public int samplesPerShard() {
    return samplesPerShard;
  }

  public int frames() {
    return frames;
  }

  public long samples() {
    return samples;
  }

  /** {@code WIDTHxHEIGHT} → samples. */
  public ImmutableSortedMap<String, Long> imageSizes() {
    return imageSizes;
  }

  /** Pixels of each train class 0..18 over every sample. */
  public ImmutableList<Long> classPixels() {
    return classPixels;
  }

  /** Pixels labelled 255 (void, or exposed by translation and padding). */
  public long ignoredPixels() {
    return ignoredPixels;
  }

  public ImmutableList<Shard> shards() {
    return shards;
  }
}

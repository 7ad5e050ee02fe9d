package dev.lednet.stages.augment;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.hash.Hashing;
import dev.lednet.stages.io.DatasetLayout;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which shard each sample goes to, and where in it. Samples are ordered by a hash of (seed, frame,
 * copy), ties by key, and cut into shards of {@link #samplesPerShard()} in that order: shards mix
 * cities and copies of a frame land in different shards, and the assignment depends only on the
 * set of frames and the options, never on the runner. A resumed job also knows which shards are
 * already written ({@link #written()}).
 */
public final class ShardPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Version of the shard layout; part of the fingerprint. */
  public static final String FORMAT = "lednet-augment-shards/1";

  private final AugmentRecipe recipe;
  private final long seed;
  private final int copies;
  private final int samplesPerShard;
  private final ImmutableList<String> keys;
  private final ImmutableSortedMap<Integer, ShardIndex> written;
  private transient volatile Map<String, Integer> ranks;

  private ShardPlan(
      AugmentRecipe recipe,
      long seed,
      int copies,
      int samplesPerShard,
      ImmutableList<String> keys,
      ImmutableSortedMap<Integer, ShardIndex> written) {
    this.recipe = recipe;
    this.seed = seed;
    this.copies = copies;
    this.samplesPerShard = samplesPerShard;
    this.keys = keys;
    this.written = written;
  }

  /** The plan for {@code copies} copies of each frame. */
  public static ShardPlan of(
      Collection<String> frameIds, AugmentRecipe recipe, long seed, int copies, int samplesPerShard) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1: " + copies);
    }
    if (samplesPerShard < 1) {
      throw new IllegalArgumentException("samples per shard must be at least 1: " + samplesPerShard);
    }
    record Ordered(long order, String key) {}
    List<Ordered> samples = new ArrayList<>();
    for (String frameId : new TreeSet<>(frameIds)) {
      for (int copy = 0; copy < copies; copy++) {
        long order = SampleRandom.of(seed, frameId, copy).bits("shardOrder");
        samples.add(new Ordered(order, AugmentedSample.key(frameId, copy)));
      }
    }
    samples.sort(
        Comparator.comparing(Ordered::order, Long::compareUnsigned).thenComparing(Ordered::key));
    return new ShardPlan(
        recipe,
        seed,
        copies,
        samplesPerShard,
        samples.stream().map(Ordered::key).collect(ImmutableList.toImmutableList()),
        ImmutableSortedMap.of());
  }

  /** The same plan, with these shards taken as written (they are kept, not made again). */
  public ShardPlan withWritten(Collection<ShardIndex> indexes) {
    ImmutableSortedMap.Builder<Integer, ShardIndex> map = ImmutableSortedMap.naturalOrder();
    for (ShardIndex index : indexes) {
      map.put(index.shard(), index);
    }
    return new ShardPlan(recipe, seed, copies, samplesPerShard, keys, map.buildOrThrow());
  }

  public AugmentRecipe recipe() {
    return recipe;
  }

  public long seed() {
    return seed;
  }

  public int copies() {
    return copies;
  }

  public int samplesPerShard() {
    return samplesPerShard;
  }

  /** Every sample key in shard order. */
  public List<String> keys() {
    return keys;
  }

  public int sampleCount() {
    return keys.size();
  }

  public int shardCount() {
    return (keys.size() + samplesPerShard - 1) / samplesPerShard;
  }

  /** Position of a sample in the whole order; an error for a sample the plan does not have. */
  public int rankOf(String key) {
    Integer rank = ranks().get(key);
    if (rank == null) {
      throw new IllegalArgumentException(
          "sample " + key + " is not in the shard plan (" + copies + " copies of each frame, seed " + seed + ")");
    }
    return rank;
  }

  public int shardOf(String key) {
    return rankOf(key) / samplesPerShard;
  }

  /** The keys a shard should hold, in order. */
  public List<String> keysOf(int shard) {
    return keys.subList(shard * samplesPerShard, Math.min(keys.size(), (shard + 1) * samplesPerShard));
  }

  /** Shards already written, by number. */
  public ImmutableSortedMap<Integer, ShardIndex> written() {
    return written;
  }

  /** Whether the sample's shard is already written. */
  public boolean isWritten(String key) {
    return !written.isEmpty() && written.containsKey(shardOf(key));
  }

  /**
   * What the bytes of the shards depend on besides the frames: layout version, recipe, seed, copies
   * and shard size. A shard index with another fingerprint is never reused.
   */
  public String fingerprint() {
    return fingerprint(recipe, seed, copies, samplesPerShard);
  }

  public static String fingerprint(AugmentRecipe recipe, long seed, int copies, int samplesPerShard) {
    String text =
        FORMAT + "\n" + ShardJson.compact(recipe.toMap()) + "\nseed " + seed + "\ncopies " + copies
            + "\nsamplesPerShard " + samplesPerShard;
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString().substring(0, 16);
  }

  /** {@code shard-000012.tar}. */
  public static String shardFile(int shard) {
    return String.format(Locale.ROOT, "shard-%06d.tar", shard);
  }

  /** {@code shard-000012.json}, the shard's {@link ShardIndex}. */
  public static String indexFile(int shard) {
    return String.format(Locale.ROOT, "shard-%06d.json", shard);
  }

  public static String manifestPath(String output) {
    return DatasetLayout.join(output, "manifest.json");
  }

  /** The frame ids of a set of sample keys (a key is {@code <frameId>_<copy>}). */
  static Set<String> frameIdsOf(Collection<String> sampleKeys) {
    Set<String> frames = new TreeSet<>();
    for (String key : sampleKeys) {
      frames.add(key.substring(0, key.lastIndexOf('_')));
    }
    return frames;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPlan other
        && recipe.equals(other.recipe)
        && seed == other.seed
        && copies == other.copies
        && samplesPerShard == other.samplesPerShard
        && keys.equals(other.keys)
        && written.equals(other.written);
  }

  @Override
  public int hashCode() {
    return Objects.hash(recipe, seed, copies, samplesPerShard, keys, written);
  }

  @Override
  public String toString() {
    return "ShardPlan{" + keys.size() + " samples in " + shardCount() + " shards, " + written.size() + " written}";
  }

  private Map<String, Integer> ranks() {
    if (ranks == null) {
      Map<String, Integer> map = new HashMap<>(keys.size() * 2);
      for (int i = 0; i < keys.size(); i++) {
        map.put(keys.get(i), i);
      }
      ranks = map;
    }
    return ranks;
  }
}

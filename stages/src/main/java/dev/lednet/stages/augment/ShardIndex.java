package dev.lednet.stages.augment;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one shard holds, written beside it as {@code shard-NNNNNN.json} once the tar is in place:
 * its samples' keys in order, size and SHA-256 of the tar, image sizes and class pixel counts, and
 * the fingerprint of the job that made it. A resumed job keeps a shard whose index matches its
 * plan, and the manifest is the sum of the indexes.
 */
@AutoValue
public abstract class ShardIndex implements Serializable {

  private static final long serialVersionUID = 1L;

  public abstract int shard();

  /** The tar's file name, relative to the output directory. */
  public abstract String file();

  /** {@link ShardPlan#fingerprint()} of the job that wrote it. */
  public abstract String fingerprint();

  /** Sample keys in archive order. */
  public abstract ImmutableList<String> keys();

  public abstract long bytes();

  public abstract String sha256();

  /** {@code WIDTHxHEIGHT} → number of samples. */
  public abstract ImmutableSortedMap<String, Long> imageSizes();

  /** Pixels of each train class 0..18, then ignored pixels. */
  public abstract ImmutableList<Long> classPixels();

  // Declared so that Beam's SerializableCoder sees a value type (AutoValue implements them).
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  static ShardIndex create(
      int shard,
      String file,
      String fingerprint,
      List<String> keys,
      long bytes,
      String sha256,
      Map<String, Long> imageSizes,
      List<Long> classPixels) {
    return new AutoValue_ShardIndex(
        shard,
        file,
        fingerprint,
        ImmutableList.copyOf(keys),
        bytes,
        sha256,
        ImmutableSortedMap.copyOf(imageSizes),
        ImmutableList.copyOf(classPixels));
  }

  byte[] toJson() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("shard", shard());
    map.put("file", file());
    map.put("fingerprint", fingerprint());
    map.put("samples", keys().size());
    map.put("bytes", bytes());
    map.put("sha256", sha256());
    map.put("imageSizes", imageSizes());
    map.put("classPixels", classPixels());
    map.put("keys", keys());
    return ShardJson.write(map);
  }

  static ShardIndex fromJson(byte[] json, String source) throws IOException {
    Map<String, Object> map = ShardJson.read(json, source);
    ImmutableList.Builder<String> keys = ImmutableList.builder();
    for (Object key : ShardJson.list(map, "keys", source)) {
      keys.add(String.valueOf(key));
    }
    ImmutableSortedMap.Builder<String, Long> sizes = ImmutableSortedMap.naturalOrder();
    for (Map.Entry<String, Object> e : ShardJson.object(map.get("imageSizes"), "imageSizes", source).entrySet()) {
      sizes.put(e.getKey(), ((Number) e.getValue()).longValue());
    }
    ImmutableList.Builder<Long> pixels = ImmutableList.builder();
    for (Object count : ShardJson.list(map, "classPixels", source)) {
      pixels.add(((Number) count).longValue());
    }
    return create(
        (int) ShardJson.number(map, "shard", source),
        ShardJson.text(map, "file", source),
        ShardJson.text(map, "fingerprint", source),
        keys.build(),
        ShardJson.number(map, "bytes", source),
        ShardJson.text(map, "sha256", source),
        sizes.build(),
        pixels.build());
  }
}

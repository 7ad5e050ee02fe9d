package dev.lednet.pipelines.train;

import dev.lednet.stages.augment.ShardManifest;
import dev.lednet.stages.augment.ShardReader;
import dev.lednet.stages.augment.ShardSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The samples of {@code lednet augment}'s shards as training sources. Each source is a position in
 * a shard, grouped by shard, so that an epoch visits shards one at a time in a shuffled order and
 * reads each tar once: the last shard read stays decoded until another is needed.
 */
public final class ShardSamples {

  private final ShardReader reader;
  private int cachedShard = -1;
  private List<ShardSample> cached = List.of();

  private ShardSamples(ShardReader reader) {
    this.reader = reader;
  }

  /** One source per sample the manifest lists. */
  public static List<SampleSource> list(String manifest) throws IOException {
    ShardSamples shards = new ShardSamples(ShardReader.open(manifest));
    List<SampleSource> out = new ArrayList<>();
    List<ShardManifest.Shard> all = shards.reader.manifest().shards();
    for (int s = 0; s < all.size(); s++) {
      for (int i = 0; i < all.get(s).samples(); i++) {
        out.add(shards.new Position(s, i));
      }
    }
    if (out.isEmpty()) {
      throw new IOException(manifest + ": the manifest lists no samples");
    }
    return out;
  }

  private synchronized ShardSample sample(int shard, int index) throws IOException {
    if (shard != cachedShard) {
      String path = reader.shardPaths().get(shard);
      try (Stream<ShardSample> samples = reader.samples(shard)) {
        cached = samples.toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      cachedShard = shard;
      if (index >= cached.size()) {
        throw new IOException(path + ": has " + cached.size() + " samples, the manifest says more");
      }
    }
    return cached.get(index);
  }

  private final class Position implements SampleSource {
    private final int shard;
    private final int index;

    Position(int shard, int index) {
      this.shard = shard;
      this.index = index;
    }

    @Override
    public String id() {
      return reader.shardPaths().get(shard) + "#" + index;
    }

    @Override
    public String group() {
      return reader.shardPaths().get(shard);
    }

    @Override
    public TrainingSample load() throws IOException {
      ShardSample s = sample(shard, index);
      return new TrainingSample(s.key(), s.image(), s.label());
    }
  }
}

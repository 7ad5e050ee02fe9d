package dev.lednet.stages.augment;

import com.google.common.collect.ImmutableList;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Streams the samples of an augment job's shards without a pipeline, local or {@code gs://} (any
 * Beam file system registered in this JVM), one shard open at a time and one sample decoded at a
 * time. For a trainer:
 *
 * <pre>{@code
 * ShardReader reader = ShardReader.open("gs://bucket/augmented/manifest.json");
 * List<Long> classPixels = reader.manifest().classPixels();          // for class weights
 * try (Stream<ShardSample> samples = reader.samples()) {
 *   samples.forEach(s -> train(s.image(), s.label()));
 * }
 * }</pre>
 *
 * A truncated or corrupt tar, a sample without its image, label or metadata member, an image that
 * is not RGB or a label that is not 8-bit gray, or a shard holding another number of samples than
 * the manifest says, is an {@link UncheckedIOException} (in the stream) naming the file.
 */
public final class ShardReader {

  private final ShardManifest manifest;
  private final ImmutableList<String> shardPaths;

  private ShardReader(ShardManifest manifest, List<String> shardPaths) {
    this.manifest = manifest;
    this.shardPaths = ImmutableList.copyOf(shardPaths);
  }

  /** Reads {@code manifest.json}; shards are found beside it. */
  public static ShardReader open(String manifestPath) throws IOException {
    ShardManifest manifest = ShardManifest.read(manifestPath);
    ResourceId dir = FileSystems.matchNewResource(manifestPath, false).getCurrentDirectory();
    List<String> paths = new ArrayList<>();
    for (ShardManifest.Shard shard : manifest.shards()) {
      paths.add(dir.resolve(shard.file(), ResolveOptions.StandardResolveOptions.RESOLVE_FILE).toString());
    }
    return new ShardReader(manifest, paths);
  }

  public ShardManifest manifest() {
    return manifest;
  }

  /** Full paths of the shards, in manifest order (to split them between workers). */
  public List<String> shardPaths() {
    return shardPaths;
  }

  /** Every sample of every shard, in manifest order. Close the stream to release the open shard. */
  public Stream<ShardSample> samples() {
    List<Long> counts = new ArrayList<>();
    manifest.shards().forEach(s -> counts.add(s.samples()));
    return stream(shardPaths, counts);
  }

  /** The samples of the manifest's shard number {@code i} (0-based, manifest order). */
  public Stream<ShardSample> samples(int i) {
    return stream(List.of(shardPaths.get(i)), List.of(manifest.shards().get(i).samples()));
  }

  /** The samples of one shard file, whatever manifest it belongs to. */
  public static Stream<ShardSample> readShard(String path) {
    return stream(List.of(path), List.of(-1L));
  }

  private static Stream<ShardSample> stream(List<String> paths, List<Long> counts) {
    SampleIterator samples = new SampleIterator(paths, counts);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(samples, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(samples::close);
  }

  /** Walks the shards in turn, grouping consecutive members by key as WebDataset does. */
  private static final class SampleIterator implements Iterator<ShardSample> {
    private final List<String> paths;
    private final List<Long> counts;
    private int shard = -1;
    private InputStream in;
    private TarReader tar;
    private TarReader.Member lookahead;
    private long samplesInShard;
    private ShardSample next;

    SampleIterator(List<String> paths, List<Long> counts) {
      this.paths = paths;
      this.counts = counts;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          next = read();
        } catch (IOException e) {
          close();
          throw new UncheckedIOException(e.getMessage(), e);
        }
      }
      return next != null;
    }

    @Override
    public ShardSample next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ShardSample sample = next;
      next = null;
      return sample;
    }

    private ShardSample read() throws IOException {
      while (true) {
        if (tar == null) {
          if (shard + 1 >= paths.size()) {
            return null;
          }
          open(++shard);
        }
        TarReader.Member first = lookahead != null ? lookahead : tar.next();
        lookahead = null;
        if (first == null) {
          long expected = counts.get(shard);
          if (expected >= 0 && expected != samplesInShard) {
            throw new IOException(
                path() + " holds " + samplesInShard + " samples but the manifest says " + expected);
          }
          close();
          continue;
        }
        String key = keyOf(first.name());
        List<TarReader.Member> members = new ArrayList<>();
        members.add(first);
        TarReader.Member member;
        while ((member = tar.next()) != null && keyOf(member.name()).equals(key)) {
          members.add(member);
        }
        // After the end-of-archive block the reader keeps answering null: the next call ends the shard.
        lookahead = member;
        samplesInShard++;
        return decode(key, members);
      }
    }

    private ShardSample decode(String key, List<TarReader.Member> members) throws IOException {
      byte[] image = member(key, members, ShardManifest.IMAGE_MEMBER);
      byte[] label = member(key, members, ShardManifest.LABEL_MEMBER);
      byte[] metadata = member(key, members, ShardManifest.METADATA_MEMBER);
      Raster imageRaster;
      Raster labelRaster;
      try {
        imageRaster = Png.decode(image, key + "." + ShardManifest.IMAGE_MEMBER);
        labelRaster = Png.decode(label, key + "." + ShardManifest.LABEL_MEMBER);
      } catch (RuntimeException e) {
        throw new IOException(path() + ": sample " + key + ": " + e.getMessage(), e);
      }
      if (imageRaster.format() != Raster.Format.RGB8 || labelRaster.format() != Raster.Format.GRAY8) {
        throw new IOException(
            path() + ": sample " + key + " has a " + imageRaster + " image and a " + labelRaster
                + " label; expected RGB8 and GRAY8");
      }
      Map<String, Object> meta = ShardJson.read(metadata, path() + ":" + key + ".json");
      SampleDraw draw;
      try {
        draw = SampleDraw.fromMap(ShardJson.object(meta.get("draw"), "draw", path()));
      } catch (RuntimeException e) {
        throw new IOException(path() + ": sample " + key + ": " + e.getMessage(), e);
      }
      return new ShardSample(
          key,
          ShardJson.text(meta, "frameId", path()),
          (int) ShardJson.number(meta, "copy", path()),
          imageRaster,
          labelRaster,
          draw);
    }

    private byte[] member(String key, List<TarReader.Member> members, String suffix) throws IOException {
      for (TarReader.Member member : members) {
        if (member.name().equals(key + "." + suffix)) {
          return member.bytes();
        }
      }
      List<String> names = members.stream().map(TarReader.Member::name).toList();
      throw new IOException(path() + ": sample " + key + " has no " + suffix + " member (it has " + names + ")");
    }

    /** WebDataset's key: the member name up to the first dot of its base name. */
    private static String keyOf(String name) {
      int slash = name.lastIndexOf('/');
      int dot = name.indexOf('.', slash + 1);
      return dot < 0 ? name : name.substring(0, dot);
    }

    private void open(int i) throws IOException {
      String path = paths.get(i);
      try {
        in = new BufferedInputStream(
            Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false))), 1 << 16);
      } catch (FileNotFoundException e) {
        throw new FileNotFoundException("no such shard: " + path);
      }
      tar = new TarReader(in, path);
      samplesInShard = 0;
    }

    private String path() {
      return paths.get(shard);
    }

    void close() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // nothing left to read from it
        }
      }
      in = null;
      tar = null;
    }
  }
}

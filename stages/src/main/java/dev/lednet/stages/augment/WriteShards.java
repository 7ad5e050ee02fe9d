package dev.lednet.stages.augment;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.CountingOutputStream;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Writes augmented samples as tar shards in the layout PyTorch's WebDataset reads, local or {@code
 * gs://}, and then {@code manifest.json}; emits the manifest's path.
 *
 * <ul>
 *   <li>{@code OUT/shard-NNNNNN.tar}: per sample, in {@link ShardPlan} order, the members {@code
 *       <key>.image.png} (RGB), {@code <key>.label.png} (trainIds, 8-bit gray, 255 ignored) and
 *       {@code <key>.json} (frame, split, copy, seed, the draw), {@code <key> = <frameId>_<copy>};
 *       WebDataset groups members by the part of the name before the first dot.
 *   <li>{@code OUT/shard-NNNNNN.json}: the shard's {@link ShardIndex}, written after the tar.
 *   <li>{@code OUT/manifest.json}: {@link ShardManifest}, written last.
 * </ul>
 *
 * Each file is written under a temporary name and renamed into place, so a reader never sees part
 * of one. The bytes of every file depend only on the frames and the job's options: samples are
 * grouped by shard and sorted by their rank in the plan, whatever order the runner delivers them.
 */
public final class WriteShards extends PTransform<PCollection<AugmentedSample>, PCollection<String>> {

  /** Counter of shards written (tar and index). */
  public static final String SHARDS_WRITTEN = "shardsWritten";

  private final String output;
  private final PCollectionView<ShardPlan> plan;
  private final ImmutableMap<String, String> source;

  private WriteShards(String output, PCollectionView<ShardPlan> plan, ImmutableMap<String, String> source) {
    this.output = output;
    this.plan = plan;
    this.source = source;
  }

  /** Shards under {@code output} as {@code plan} assigns them. */
  public static WriteShards to(String output, PCollectionView<ShardPlan> plan) {
    return new WriteShards(output, plan, ImmutableMap.of());
  }

  /** What the manifest says the samples came from, e.g. {@code dataset}, {@code labels}, {@code split}. */
  public WriteShards withSource(Map<String, String> source) {
    return new WriteShards(output, plan, ImmutableMap.copyOf(source));
  }

  @Override
  public PCollection<String> expand(PCollection<AugmentedSample> samples) {
    return samples
        .apply("KeyByShard", ParDo.of(new KeyByShardFn(plan)).withSideInputs(plan))
        .setCoder(KvCoder.of(VarIntCoder.of(), samples.getCoder()))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteTar", ParDo.of(new WriteShardFn(output, plan)).withSideInputs(plan))
        .setCoder(SerializableCoder.of(ShardIndex.class))
        .apply("AllShards", Combine.globally(new CollectFn()))
        .apply("WriteManifest", ParDo.of(new WriteManifestFn(output, plan, source)).withSideInputs(plan));
  }

  /** Writes one shard's tar to {@code path}; returns its size and SHA-256. */
  static ShardIndex writeShard(String output, int shard, String fingerprint, List<AugmentedSample> samples)
      throws IOException {
    String file = ShardPlan.shardFile(shard);
    long[] bytes = new long[1];
    MessageDigest sha256 = sha256();
    FileBytes.writeStreaming(
        DatasetLayout.join(output, file),
        out -> {
          CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(out, sha256));
          TarWriter tar = new TarWriter(counted);
          for (AugmentedSample sample : samples) {
            tar.add(sample.getKey() + "." + ShardManifest.IMAGE_MEMBER, sample.getImagePng());
            tar.add(sample.getKey() + "." + ShardManifest.LABEL_MEMBER, sample.getLabelPng());
            tar.add(
                sample.getKey() + "." + ShardManifest.METADATA_MEMBER,
                sample.getMetadata().getBytes(StandardCharsets.UTF_8));
          }
          tar.finish();
          counted.flush();
          bytes[0] = counted.getCount();
        });
    long[] pixels = new long[ClassPixels.SIZE];
    Map<String, Long> sizes = new TreeMap<>();
    List<String> keys = new ArrayList<>();
    for (AugmentedSample sample : samples) {
      keys.add(sample.getKey());
      ClassPixels.add(pixels, sample.getClassPixels());
      sizes.merge(sample.getWidth() + "x" + sample.getHeight(), 1L, Long::sum);
    }
    return ShardIndex.create(
        shard,
        file,
        fingerprint,
        keys,
        bytes[0],
        HexFormat.of().formatHex(sha256.digest()),
        sizes,
        ClassPixels.asList(pixels));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static final class KeyByShardFn extends DoFn<AugmentedSample, KV<Integer, AugmentedSample>> {
    private final PCollectionView<ShardPlan> plan;

    KeyByShardFn(PCollectionView<ShardPlan> plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(KV.of(c.sideInput(plan).shardOf(c.element().getKey()), c.element()));
    }
  }

  static final class WriteShardFn extends DoFn<KV<Integer, Iterable<AugmentedSample>>, ShardIndex> {
    private final Counter shardsWritten = StageMetrics.counter(SHARDS_WRITTEN);
    private final Counter filesWritten = StageMetrics.counter(StageMetrics.FILES_WRITTEN);
    private final String output;
    private final PCollectionView<ShardPlan> plan;

    WriteShardFn(String output, PCollectionView<ShardPlan> plan) {
      this.output = output;
      this.plan = plan;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      ShardPlan shards = c.sideInput(plan);
      int shard = c.element().getKey();
      List<AugmentedSample> samples = new ArrayList<>();
      c.element().getValue().forEach(samples::add);
      samples.sort(Comparator.comparingInt(s -> shards.rankOf(s.getKey())));
      ShardIndex index = writeShard(output, shard, shards.fingerprint(), samples);
      FileBytes.write(DatasetLayout.join(output, ShardPlan.indexFile(shard)), index.toJson());
      shardsWritten.inc();
      filesWritten.inc(2);
      c.output(index);
    }
  }

  /** Every shard index of the job, in any order (the manifest sorts them). */
  static final class CollectFn extends Combine.CombineFn<ShardIndex, List<ShardIndex>, List<ShardIndex>> {
    @Override
    public List<ShardIndex> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<ShardIndex> addInput(List<ShardIndex> all, ShardIndex index) {
      all.add(index);
      return all;
    }

    @Override
    public List<ShardIndex> mergeAccumulators(Iterable<List<ShardIndex>> accumulators) {
      List<ShardIndex> all = new ArrayList<>();
      accumulators.forEach(all::addAll);
      return all;
    }

    @Override
    public List<ShardIndex> extractOutput(List<ShardIndex> all) {
      return all;
    }

    @Override
    public Coder<List<ShardIndex>> getAccumulatorCoder(CoderRegistry registry, Coder<ShardIndex> inputCoder) {
      return ListCoder.of(SerializableCoder.of(ShardIndex.class));
    }

    @Override
    public Coder<List<ShardIndex>> getDefaultOutputCoder(CoderRegistry registry, Coder<ShardIndex> inputCoder) {
      return ListCoder.of(SerializableCoder.of(ShardIndex.class));
    }
  }

  static final class WriteManifestFn extends DoFn<List<ShardIndex>, String> {
    private final Counter filesWritten = StageMetrics.counter(StageMetrics.FILES_WRITTEN);
    private final String output;
    private final PCollectionView<ShardPlan> plan;
    private final ImmutableMap<String, String> source;

    WriteManifestFn(String output, PCollectionView<ShardPlan> plan, ImmutableMap<String, String> source) {
      this.output = output;
      this.plan = plan;
      this.source = source;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      ShardPlan shards = c.sideInput(plan);
      // Shards kept from an earlier run, then those written now (which win).
      Map<Integer, ShardIndex> all = new TreeMap<>(shards.written());
      c.element().forEach(index -> all.put(index.shard(), index));
      String path = ShardPlan.manifestPath(output);
      FileBytes.write(path, ShardManifest.of(shards, all.values(), source).toJson());
      filesWritten.inc();
      c.output(path);
    }
  }
}

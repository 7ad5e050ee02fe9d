package dev.lednet.stages.augment;

import dev.lednet.schemas.Frame;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link ShardPlan} of a job, as a side input for {@link AugmentFrames} and {@link
 * WriteShards}: the frame ids are gathered (ids only, never pixels) and put in shard order. With
 * {@link #resumingFrom}, shards that an earlier run of the same job wrote completely (tar and
 * index present, same fingerprint, the same samples) are marked written and not made again.
 */
public final class PlanShards extends PTransform<PCollection<Frame>, PCollectionView<ShardPlan>> {

  private final AugmentRecipe recipe;
  private final long seed;
  private final int copies;
  private final int samplesPerShard;
  private final @Nullable String resumeFrom;

  private PlanShards(AugmentRecipe recipe, long seed, int copies, int samplesPerShard, @Nullable String resumeFrom) {
    this.recipe = recipe;
    this.seed = seed;
    this.copies = copies;
    this.samplesPerShard = samplesPerShard;
    this.resumeFrom = resumeFrom;
    ShardPlan.of(List.of(), recipe, seed, copies, samplesPerShard); // checks the numbers now
  }

  /** {@code copies} copies of each frame, 64 samples per shard, every shard made. */
  public static PlanShards of(AugmentRecipe recipe, long seed, int copies) {
    return new PlanShards(recipe, seed, copies, 64, null);
  }

  public PlanShards withSamplesPerShard(int samples) {
    return new PlanShards(recipe, seed, copies, samples, resumeFrom);
  }

  /** Keeps the shards under {@code output} that an earlier run of this job completed. */
  public PlanShards resumingFrom(String output) {
    return new PlanShards(recipe, seed, copies, samplesPerShard, output);
  }

  @Override
  public PCollectionView<ShardPlan> expand(PCollection<Frame> frames) {
    return frames
        .apply("FrameIds", MapElements.into(TypeDescriptors.strings()).via(Frame::getId))
        .apply("AllFrameIds", Combine.globally(new SortedIdsFn()))
        .apply("Plan", ParDo.of(new PlanFn(recipe, seed, copies, samplesPerShard, resumeFrom)))
        .setCoder(SerializableCoder.of(ShardPlan.class))
        .apply("AsSideInput", View.asSingleton());
  }

  /** The shards under {@code output} that match {@code plan}: tar and index present, same samples. */
  static List<ShardIndex> writtenShards(ShardPlan plan, String output) throws IOException {
    Set<String> present = new TreeSet<>();
    MatchResult match = FileSystems.match(DatasetLayout.join(output, "shard-*"), EmptyMatchTreatment.ALLOW);
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata file : match.metadata()) {
        present.add(file.resourceId().getFilename());
      }
    }
    List<ShardIndex> written = new ArrayList<>();
    for (int shard = 0; shard < plan.shardCount(); shard++) {
      String indexName = ShardPlan.indexFile(shard);
      if (!present.contains(indexName) || !present.contains(ShardPlan.shardFile(shard))) {
        continue;
      }
      String path = DatasetLayout.join(output, indexName);
      ShardIndex index;
      try {
        index = ShardIndex.fromJson(FileBytes.read(path), path);
      } catch (IOException | RuntimeException e) {
        continue; // unreadable: made again
      }
      if (index.shard() == shard
          && index.fingerprint().equals(plan.fingerprint())
          && index.keys().equals(plan.keysOf(shard))) {
        written.add(index);
      }
    }
    return written;
  }

  /** Every frame id once, sorted. */
  static final class SortedIdsFn extends Combine.CombineFn<String, List<String>, List<String>> {
    @Override
    public List<String> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<String> addInput(List<String> ids, String id) {
      ids.add(id);
      return ids;
    }

    @Override
    public List<String> mergeAccumulators(Iterable<List<String>> accumulators) {
      List<String> all = new ArrayList<>();
      accumulators.forEach(all::addAll);
      return all;
    }

    @Override
    public List<String> extractOutput(List<String> ids) {
      return new ArrayList<>(new TreeSet<>(ids));
    }

    @Override
    public Coder<List<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
      return ListCoder.of(StringUtf8Coder.of());
    }

    @Override
    public Coder<List<String>> getDefaultOutputCoder(CoderRegistry registry, Coder<String> inputCoder) {
      return ListCoder.of(StringUtf8Coder.of());
    }
  }

  static final class PlanFn extends DoFn<List<String>, ShardPlan> {
    private final AugmentRecipe recipe;
    private final long seed;
    private final int copies;
    private final int samplesPerShard;
    private final @Nullable String resumeFrom;

    PlanFn(AugmentRecipe recipe, long seed, int copies, int samplesPerShard, @Nullable String resumeFrom) {
      this.recipe = recipe;
      this.seed = seed;
      this.copies = copies;
      this.samplesPerShard = samplesPerShard;
      this.resumeFrom = resumeFrom;
    }

    @ProcessElement
    public void process(@Element List<String> frameIds, OutputReceiver<ShardPlan> out) throws IOException {
      ShardPlan plan = ShardPlan.of(frameIds, recipe, seed, copies, samplesPerShard);
      if (resumeFrom != null) {
        plan = plan.withWritten(writtenShards(plan, resumeFrom));
      }
      out.output(plan);
    }
  }
}

package dev.lednet.stages.io;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.lednet.schemas.CityscapesFileName;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.StageMetrics;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds the frames of a Cityscapes dataset (local or {@code gs://}) and joins the files of each
 * frame into a {@link Frame}. A frame that lacks a required component, or a file whose name is not
 * a Cityscapes name, becomes a {@link Failure} on {@link #UNPAIRED} naming the file: nothing is
 * dropped silently.
 *
 * <pre>{@code
 * PCollectionTuple found = p.apply(DiscoverFrames.in("gs://bucket/cityscapes")
 *     .withSplits("val").withRequired("leftImg8bit", "gtFine_polygons"));
 * PCollection<Frame> frames = found.get(DiscoverFrames.FRAMES);
 * }</pre>
 */
@AutoValue
public abstract class DiscoverFrames extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<Frame> FRAMES = new TupleTag<>() {};
  public static final TupleTag<Failure> UNPAIRED = new TupleTag<>() {};

  abstract String root();

  abstract ImmutableList<String> splits();

  abstract ImmutableSet<String> required();

  abstract ImmutableSet<String> optional();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setRoot(String root);

    abstract Builder setSplits(ImmutableList<String> splits);

    abstract Builder setRequired(ImmutableSet<String> required);

    abstract Builder setOptional(ImmutableSet<String> optional);

    abstract DiscoverFrames build();
  }

  /** Frames under a dataset root: split {@code val}, the {@code leftImg8bit} image required. */
  public static DiscoverFrames in(String root) {
    return new AutoValue_DiscoverFrames.Builder()
        .setRoot(root)
        .setSplits(ImmutableList.of("val"))
        .setRequired(ImmutableSet.of("leftImg8bit"))
        .setOptional(ImmutableSet.of())
        .build();
  }

  public DiscoverFrames withSplits(String... splits) {
    return withSplits(List.of(splits));
  }

  public DiscoverFrames withSplits(List<String> splits) {
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("at least one split is needed");
    }
    return toBuilder().setSplits(ImmutableList.copyOf(splits)).build();
  }

  /** Components every frame must have, e.g. {@code leftImg8bit}, {@code gtFine_polygons}. */
  public DiscoverFrames withRequired(String... components) {
    return withRequired(Set.of(components));
  }

  public DiscoverFrames withRequired(Set<String> components) {
    if (components.isEmpty()) {
      throw new IllegalArgumentException("at least one required component is needed");
    }
    return toBuilder().setRequired(ImmutableSet.copyOf(new TreeSet<>(components))).build();
  }

  /** Components attached to a frame when present, e.g. {@code gtFine_instanceIds}. */
  public DiscoverFrames withOptional(String... components) {
    return withOptional(Set.of(components));
  }

  public DiscoverFrames withOptional(Set<String> components) {
    return toBuilder().setOptional(ImmutableSet.copyOf(new TreeSet<>(components))).build();
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    List<String> patterns = new ArrayList<>();
    for (String split : splits()) {
      for (String component : ImmutableSet.<String>builder().addAll(required()).addAll(optional()).build()) {
        patterns.add(split + "\t" + component + "\t" + DatasetLayout.pattern(root(), split, component));
      }
    }
    PCollectionTuple parsed =
        input
            .apply("Patterns", Create.of(patterns))
            .apply("Match", ParDo.of(new MatchFn()))
            .apply(
                "ParseNames",
                ParDo.of(new ParseNameFn(FrameShards.count(input.getPipeline().getOptions())))
                    .withOutputTags(ParseNameFn.PARSED, TupleTagList.of(UNPAIRED)));
    PCollectionTuple joined =
        parsed
            .get(ParseNameFn.PARSED)
            .apply("GroupByShard", GroupByKey.create())
            .apply(
                "Join",
                ParDo.of(new JoinFn(required(), optional()))
                    .withOutputTags(FRAMES, TupleTagList.of(UNPAIRED)));
    PCollection<Frame> frames = joined.get(FRAMES).apply("SpreadFrames", Spread.evenly());
    PCollection<Failure> unpaired =
        PCollectionList.of(parsed.get(UNPAIRED))
            .and(joined.get(UNPAIRED))
            .apply("AllUnpaired", Flatten.pCollections());
    return PCollectionTuple.of(FRAMES, frames).and(UNPAIRED, unpaired);
  }

  /** Lists the files of one (split, component, glob); an empty match is not an error. */
  static final class MatchFn extends DoFn<String, DiscoveredFile> {
    @ProcessElement
    public void process(@Element String spec, OutputReceiver<DiscoveredFile> out) throws IOException {
      String[] parts = spec.split("\t", 3);
      MatchResult match = FileSystems.match(parts[2], EmptyMatchTreatment.ALLOW);
      if (match.status() != MatchResult.Status.OK && match.status() != MatchResult.Status.NOT_FOUND) {
        throw new IOException("cannot list " + parts[2] + ": " + match.status());
      }
      if (match.status() == MatchResult.Status.NOT_FOUND) {
        return;
      }
      for (MatchResult.Metadata file : match.metadata()) {
        out.output(DiscoveredFile.create(parts[0], parts[1], file.resourceId().toString()));
      }
    }
  }

  /** Keys each file by its frame's shard; an unparsable name is a failure naming the file. */
  static final class ParseNameFn extends DoFn<DiscoveredFile, KV<Integer, DiscoveredFile>> {
    static final TupleTag<KV<Integer, DiscoveredFile>> PARSED = new TupleTag<>() {};

    private final int shards;

    ParseNameFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element DiscoveredFile file, MultiOutputReceiver out) {
      try {
        CityscapesFileName name = CityscapesFileName.parse(file.getPath());
        int shard = FrameShards.of(name.frameId().toString(), shards);
        out.get(PARSED).output(KV.of(shard, file));
      } catch (IllegalArgumentException e) {
        out.get(UNPAIRED)
            .output(Failure.of(FrameId.baseNameOf(file.getPath()), file.getPath(), "DiscoverFrames", e));
      }
    }
  }

  /** Joins the files of each frame of a shard and checks every required component is there. */
  static final class JoinFn extends DoFn<KV<Integer, Iterable<DiscoveredFile>>, Frame> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Counter found = StageMetrics.counter(StageMetrics.FRAMES_FOUND);
    private final Set<String> required;
    private final Set<String> optional;

    JoinFn(Set<String> required, Set<String> optional) {
      this.required = required;
      this.optional = optional;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<DiscoveredFile>> shard, MultiOutputReceiver out) {
      Map<String, List<DiscoveredFile>> byFrame = new TreeMap<>();
      for (DiscoveredFile file : shard.getValue()) {
        String id = CityscapesFileName.parse(file.getPath()).frameId().toString();
        byFrame.computeIfAbsent(id, k -> new ArrayList<>()).add(file);
      }
      byFrame.forEach((id, files) -> join(id, files, out));
    }

    private void join(String id, List<DiscoveredFile> frameFiles, MultiOutputReceiver out) {
      Map<String, String> files = new TreeMap<>();
      Set<String> splits = new TreeSet<>();
      List<String> duplicates = new ArrayList<>();
      for (DiscoveredFile file : frameFiles) {
        splits.add(file.getSplit());
        String previous = files.put(file.getComponent(), file.getPath());
        if (previous != null) {
          duplicates.add(previous);
          duplicates.add(file.getPath());
        }
      }
      String anyFile = files.values().iterator().next();
      if (splits.size() > 1 || !duplicates.isEmpty()) {
        out.get(UNPAIRED)
            .output(
                Failure.create(
                    id,
                    anyFile,
                    "DiscoverFrames",
                    "frame "
                        + id
                        + " appears more than once ("
                        + (duplicates.isEmpty() ? "splits " + splits : String.join(", ", new TreeSet<>(duplicates)))
                        + ")"));
        return;
      }
      List<String> missing = new ArrayList<>();
      for (String component : required) {
        if (!files.containsKey(component)) {
          missing.add(component);
        }
      }
      if (!missing.isEmpty()) {
        out.get(UNPAIRED)
            .output(
                Failure.create(
                    id,
                    anyFile,
                    "DiscoverFrames",
                    "unpaired: " + files.values() + " found but no " + String.join(", no ", missing)));
        return;
      }
      files.keySet().retainAll(ImmutableSet.builder().addAll(required).addAll(optional).build());
      FrameId frameId = FrameId.parse(id);
      found.inc();
      out.get(FRAMES).output(Frame.create(id, splits.iterator().next(), frameId.city(), files));
    }
  }
}

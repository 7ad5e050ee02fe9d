package dev.lednet.stages.evaluate;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameId;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FrameShards;
import dev.lednet.stages.io.Spread;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds each ground-truth frame's prediction as {@code evalPixelLevelSemanticLabeling.py} does:
 * exactly one file named {@code <city>_<seq>_<frame>*.png} anywhere under the predictions root
 * (local or {@code gs://}), which is listed once. The prediction joins the frame's files as
 * component {@value ComputeFrameConfusion#PREDICTION} on {@link #MATCHED}; a frame with no such
 * file, or several, goes to {@link #MISSING} with the files involved. Files that match no frame
 * are ignored, as the official script ignores them.
 */
public final class MatchPredictions extends PTransform<PCollection<Frame>, PCollectionTuple> {

  public static final TupleTag<Frame> MATCHED = new TupleTag<>() {};
  public static final TupleTag<Failure> MISSING = new TupleTag<>() {};

  /** The {@link Failure#getStage()} of the frames on {@link #MISSING}. */
  public static final String STAGE = "MatchPredictions";

  private final String root;

  private MatchPredictions(String root) {
    this.root = root;
  }

  /** Predictions anywhere under {@code root}, a local directory or {@code gs://bucket/prefix}. */
  public static MatchPredictions under(String root) {
    if (root == null || root.isEmpty()) {
      throw new IllegalArgumentException("a predictions root is needed");
    }
    return new MatchPredictions(root);
  }

  @Override
  public PCollectionTuple expand(PCollection<Frame> frames) {
    TupleTag<Frame> frameTag = new TupleTag<>() {};
    TupleTag<KV<String, String>> fileTag = new TupleTag<>() {};
    // Joined by shard of frame ids, not one group per frame: see FrameShards.
    int shards = FrameShards.count(frames.getPipeline().getOptions());
    PCollection<KV<Integer, Frame>> framesByShard =
        frames
            .apply("KeyFramesByShard", ParDo.of(new KeyByShardFn(shards)))
            .setCoder(KvCoder.of(VarIntCoder.of(), frames.getCoder()));
    PCollection<KV<Integer, KV<String, String>>> filesByShard =
        frames
            .getPipeline()
            .apply("PredictionsRoot", Create.of(root))
            .apply("ListPredictions", ParDo.of(new ListPngFilesFn()))
            // One listing yields every file at once; spread them before keying.
            .apply("Spread", Spread.evenly())
            .apply("KeyFilesByShard", ParDo.of(new KeyByMatchingFramesFn(shards)));
    return KeyedPCollectionTuple.of(frameTag, framesByShard)
        .and(fileTag, filesByShard)
        .apply("JoinByShard", CoGroupByKey.create())
        .apply(
            "PairWithPrediction",
            ParDo.of(new PairFn(root, frameTag, fileTag))
                .withOutputTags(MATCHED, TupleTagList.of(MISSING)));
  }

  /**
   * The frame ids whose official pattern {@code <city>_<seq>_<frame>*.png} matches this file name:
   * fnmatch's {@code *} lets the frame number be any prefix of the file's digits there, so {@code
   * ulm_000001_0000190.png} matches both {@code ulm_000001_000019} and {@code ulm_000001_0000190}.
   */
  static List<String> matchingFrameIds(String fileName) {
    if (!fileName.endsWith(".png")) {
      return List.of();
    }
    String stem = fileName.substring(0, fileName.length() - ".png".length());
    int firstUnderscore = stem.indexOf('_');
    int secondUnderscore = firstUnderscore < 0 ? -1 : stem.indexOf('_', firstUnderscore + 1);
    if (secondUnderscore < 0) {
      return List.of();
    }
    String cityAndSequence = stem.substring(0, secondUnderscore + 1);
    List<String> ids = new ArrayList<>();
    for (int end = secondUnderscore + 1; end < stem.length() && isDigit(stem.charAt(end)); end++) {
      String id = cityAndSequence + stem.substring(secondUnderscore + 1, end + 1);
      if (isFrameId(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isFrameId(String id) {
    try {
      FrameId.parse(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static final class KeyByShardFn extends DoFn<Frame, KV<Integer, Frame>> {
    private final int shards;

    KeyByShardFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element Frame frame, OutputReceiver<KV<Integer, Frame>> out) {
      out.output(KV.of(FrameShards.of(frame.getId(), shards), frame));
    }
  }

  /** Every PNG file under the root, at any depth; a root that does not exist has none. */
  static final class ListPngFilesFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String root, OutputReceiver<String> out) throws IOException {
      String glob = DatasetLayout.join(root, "**");
      MatchResult match = FileSystems.match(List.of(glob), EmptyMatchTreatment.ALLOW).get(0);
      if (match.status() == MatchResult.Status.NOT_FOUND) {
        return;
      }
      if (match.status() != MatchResult.Status.OK) {
        throw new IOException("cannot list " + glob + ": " + match.status());
      }
      for (MatchResult.Metadata file : match.metadata()) {
        String path = file.resourceId().toString();
        if (path.endsWith(".png")) {
          out.output(path);
        }
      }
    }
  }

  /** Each file under the shard of every frame id it matches, as (frame id, path). */
  static final class KeyByMatchingFramesFn extends DoFn<String, KV<Integer, KV<String, String>>> {
    private final int shards;

    KeyByMatchingFramesFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element String path, OutputReceiver<KV<Integer, KV<String, String>>> out) {
      for (String frameId : matchingFrameIds(FrameId.baseNameOf(path))) {
        out.output(KV.of(FrameShards.of(frameId, shards), KV.of(frameId, path)));
      }
    }
  }

  /** Adds the one prediction of a ground-truth frame, or explains why there is not one. */
  static final class PairFn extends DoFn<KV<Integer, CoGbkResult>, Frame> {
    private final String root;
    private final TupleTag<Frame> frameTag;
    private final TupleTag<KV<String, String>> fileTag;

    PairFn(String root, TupleTag<Frame> frameTag, TupleTag<KV<String, String>> fileTag) {
      this.root = root;
      this.frameTag = frameTag;
      this.fileTag = fileTag;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> shard, MultiOutputReceiver out) {
      Map<String, List<String>> filesByFrame = new HashMap<>();
      for (KV<String, String> file : shard.getValue().getAll(fileTag)) {
        filesByFrame.computeIfAbsent(file.getKey(), k -> new ArrayList<>()).add(file.getValue());
      }
      for (Frame frame : shard.getValue().getAll(frameTag)) {
        String id = frame.getId();
        List<String> predictions =
            ImmutableList.sortedCopyOf(filesByFrame.getOrDefault(id, List.of()));
        if (predictions.size() == 1) {
          Map<String, String> files = new TreeMap<>(frame.getFiles());
          files.put(ComputeFrameConfusion.PREDICTION, predictions.get(0));
          out.get(MATCHED).output(Frame.create(id, frame.getSplit(), frame.getCity(), files));
        } else if (predictions.isEmpty()) {
          String pattern = DatasetLayout.join(root, "**", id + "*.png");
          out.get(MISSING)
              .output(
                  Failure.create(id, pattern, STAGE, "no prediction for frame " + id));
        } else {
          out.get(MISSING)
              .output(
                  Failure.create(
                      id,
                      predictions.get(0),
                      STAGE,
                      predictions.size()
                          + " predictions for frame "
                          + id
                          + ", expected one: "
                          + String.join(", ", predictions)));
        }
      }
    }
  }
}

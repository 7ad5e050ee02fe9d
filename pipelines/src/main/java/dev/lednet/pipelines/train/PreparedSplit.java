package dev.lednet.pipelines.train;

import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The pairs of one split of a prepared Cityscapes tree (local or {@code gs://}): {@code
 * leftImg8bit/<split>/<city>/<frame>_leftImg8bit.png} with {@code
 * gtFine/<split>/<city>/<frame>_gtFine_labelTrainIds.png}, as {@code lednet prepare} writes them.
 */
public final class PreparedSplit {

  static final String IMAGE = "leftImg8bit";
  static final String LABEL = "gtFine_labelTrainIds";

  private PreparedSplit() {}

  /**
   * Every frame of {@code split} in frame-id order.
   *
   * @throws IOException when the split has no image or an image has no prepared label
   */
  public static List<SampleSource> list(String root, String split) throws IOException {
    return list(root, root, split);
  }

  /** As {@link #list(String, String)} with the labels under another root ({@code prepare --output}). */
  public static List<SampleSource> list(String root, String labelRoot, String split) throws IOException {
    TreeMap<String, String> images = match(DatasetLayout.pattern(root, split, IMAGE), IMAGE);
    TreeMap<String, String> labels = match(DatasetLayout.pattern(labelRoot, split, LABEL), LABEL);
    if (images.isEmpty()) {
      throw new IOException(
          "no images match " + DatasetLayout.pattern(root, split, IMAGE) + " (is --dataset right?)");
    }
    List<String> missing = new ArrayList<>();
    List<SampleSource> out = new ArrayList<>();
    for (var e : images.entrySet()) {
      String label = labels.get(e.getKey());
      if (label == null) {
        missing.add(e.getKey());
      } else {
        out.add(new FileSample(e.getKey(), e.getValue(), label));
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          String.format(
              "%d of %d %s frames have no %s label under %s (first: %s); run 'lednet prepare"
                  + " --dataset %s --splits %s' first",
              missing.size(), images.size(), split, LABEL, labelRoot, missing.get(0), root, split));
    }
    return out;
  }

  private static TreeMap<String, String> match(String glob, String component) throws IOException {
    MatchResult match = FileSystems.match(List.of(glob), EmptyMatchTreatment.ALLOW).get(0);
    TreeMap<String, String> byFrame = new TreeMap<>();
    if (match.status() != MatchResult.Status.OK) {
      return byFrame;
    }
    String suffix = "_" + component + "." + DatasetLayout.extensionOf(component);
    for (MatchResult.Metadata m : match.metadata()) {
      String path = m.resourceId().toString();
      String name = m.resourceId().getFilename();
      if (name != null && name.endsWith(suffix)) {
        byFrame.put(name.substring(0, name.length() - suffix.length()), path);
      }
    }
    return byFrame;
  }

  private record FileSample(String id, String imagePath, String labelPath) implements SampleSource {
    @Override
    public TrainingSample load() throws IOException {
      return new TrainingSample(
          id,
          Png.decode(FileBytes.read(imagePath), imagePath),
          Png.decode(FileBytes.read(labelPath), labelPath));
    }

    @Override
    public Raster label() throws IOException {
      return Png.decode(FileBytes.read(labelPath), labelPath);
    }
  }
}

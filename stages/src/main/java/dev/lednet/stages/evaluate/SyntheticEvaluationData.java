package dev.lednet.stages.evaluate;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.FrameId;
import dev.lednet.schemas.Label;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.io.DatasetLayout;
import dev.lednet.stages.io.FileBytes;
import dev.lednet.stages.prepare.CityscapesAnnotation;
import dev.lednet.stages.prepare.LabelImageRenderer;
import dev.lednet.stages.prepare.LabelImages;
import dev.lednet.stages.prepare.LabelOutput;
import dev.lednet.stages.synth.PolygonsJson;
import dev.lednet.stages.synth.StreetScene;
import dev.lednet.stages.synth.StreetSceneGenerator;
import dev.lednet.stages.synth.SyntheticFrame;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ground truth and predictions to evaluate, deterministic for a seed: synthetic street scenes
 * rendered to {@code gtFine_labelIds}, {@code gtFine_instanceIds} and {@code gtFine_labelTrainIds}
 * as {@code lednet prepare} renders them, and a prediction made by perturbing the labelIds the way
 * a model errs: boundaries shifted sideways, and blocks of the wrong class.
 */
public final class SyntheticEvaluationData {

  private static final List<Label> SCORED =
      CityscapesLabels.all().stream().filter(l -> l.id() >= 0 && !l.ignoreInEval()).toList();

  private final int width;
  private final int height;
  private final long seed;
  private final StreetSceneGenerator generator;
  private final LabelImageRenderer renderer = new LabelImageRenderer();

  private SyntheticEvaluationData(int width, int height, long seed) {
    this.width = width;
    this.height = height;
    this.seed = seed;
    this.generator = StreetSceneGenerator.of(width, height);
  }

  /** Frames of this size, seed 0. Not thread-safe: use one per thread. */
  public static SyntheticEvaluationData of(int width, int height) {
    return new SyntheticEvaluationData(width, height, 0);
  }

  public SyntheticEvaluationData withSeed(long seed) {
    return new SyntheticEvaluationData(width, height, seed);
  }

  /** The id of frame {@code index} of split {@code val}. */
  public static FrameId frameId(long index) {
    return SyntheticFrame.of(index, List.of("val")).id();
  }

  /**
   * Writes frame {@code index}: the ground truth at {@code <datasetRoot>/gtFine/val/<city>/} and
   * the prediction as {@code <predictionsRoot>/<city>/<id>_leftImg8bit.png}, in {@code
   * predictionIds}.
   */
  public FrameId write(long index, String datasetRoot, String predictionsRoot, IdSpace predictionIds)
      throws IOException {
    FrameId id = frameId(index);
    StreetScene scene = generator.generate(seed, index);
    LabelImages labels = renderer.render(CityscapesAnnotation.parse(PolygonsJson.write(scene)));
    Raster labelIds = labels.raster(LabelOutput.LABEL_IDS);
    for (LabelOutput output :
        List.of(LabelOutput.LABEL_IDS, LabelOutput.INSTANCE_IDS, LabelOutput.LABEL_TRAIN_IDS)) {
      Raster raster = output == LabelOutput.LABEL_IDS ? labelIds : labels.raster(output);
      FileBytes.write(
          DatasetLayout.path(datasetRoot, "val", id.city(), id.toString(), output.component("gtFine")),
          Png.encode(raster));
    }
    Raster prediction = perturb(labelIds, new SplittableRandom(seed * 1_000_003L + index));
    if (predictionIds == IdSpace.TRAIN_IDS) {
      prediction = toTrainIds(prediction);
    }
    FileBytes.write(
        DatasetLayout.join(predictionsRoot, id.city(), id.fileName("leftImg8bit.png")),
        Png.encode(prediction));
    return id;
  }

  /** The labelIds shifted right by 1/256 of the width, with one block in ten of a wrong class. */
  static Raster perturb(Raster labelIds, SplittableRandom random) {
    int w = labelIds.width();
    int h = labelIds.height();
    byte[] truth = labelIds.bytes();
    byte[] predicted = new byte[truth.length];
    int shift = Math.max(1, w / 256);
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        predicted[row + x] = truth[row + Math.max(0, x - shift)];
      }
    }
    int block = Math.max(4, w / 64);
    for (int by = 0; by < h; by += block) {
      for (int bx = 0; bx < w; bx += block) {
        if (random.nextInt(10) != 0) {
          continue;
        }
        byte wrong = (byte) SCORED.get(random.nextInt(SCORED.size())).id();
        for (int y = by; y < Math.min(h, by + block); y++) {
          for (int x = bx; x < Math.min(w, bx + block); x++) {
            predicted[y * w + x] = wrong;
          }
        }
      }
    }
    return Raster.gray8(w, h, predicted);
  }

  private static Raster toTrainIds(Raster labelIds) {
    byte[] table = CityscapesLabels.idToTrainIdTable();
    byte[] ids = labelIds.bytes();
    byte[] trainIds = new byte[ids.length];
    for (int i = 0; i < ids.length; i++) {
      trainIds[i] = table[ids[i] & 0xff];
    }
    return Raster.gray8(labelIds.width(), labelIds.height(), trainIds);
  }
}

package dev.lednet.stages.infer;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.EncodedFile;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Segmentation;
import dev.lednet.stages.StageMetrics;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Encodes class maps as the requested {@link InferOutput}s: server labelIds PNGs, trainIds PNGs,
 * colour pictures and overlays, each destined for its own tree under the output root.
 */
public final class EncodeSegmentations
    extends PTransform<PCollection<Segmentation>, PCollectionTuple> {

  public static final TupleTag<EncodedFile> FILES = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private final ImmutableList<InferOutput> outputs;
  private final String root;

  private EncodeSegmentations(List<InferOutput> outputs, String root) {
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("no outputs requested");
    }
    this.outputs = ImmutableList.copyOf(outputs);
    this.root = root;
  }

  public static EncodeSegmentations as(List<InferOutput> outputs, String root) {
    return new EncodeSegmentations(outputs, root);
  }

  @Override
  public PCollectionTuple expand(PCollection<Segmentation> segmentations) {
    return segmentations.apply(
        "Encode", ParDo.of(new EncodeFn(outputs, root)).withOutputTags(FILES, TupleTagList.of(FAILURES)));
  }

  static final class EncodeFn extends DoFn<Segmentation, EncodedFile> {
    private static final byte[] TRAIN_ID_TO_ID = CityscapesLabels.trainIdToIdTable();
    private static final int[] TRAIN_ID_TO_COLOR = CityscapesLabels.trainIdToColorTable();
    private final Counter done = StageMetrics.counter(StageMetrics.FRAMES_DONE);
    private final Counter failed = StageMetrics.counter(StageMetrics.FAILURES);
    private final ImmutableList<InferOutput> outputs;
    private final String root;

    EncodeFn(ImmutableList<InferOutput> outputs, String root) {
      this.outputs = outputs;
      this.root = root;
    }

    @ProcessElement
    public void process(@Element Segmentation s, MultiOutputReceiver out) {
      try {
        for (InferOutput o : outputs) {
          out.get(FILES).output(EncodedFile.create(o.destination(root, s.getFrame()), encode(o, s)));
        }
        done.inc();
      } catch (RuntimeException e) {
        failed.inc();
        out.get(FAILURES)
            .output(
                Failure.of(
                    s.getFrame().getId(), s.getFrame().file(SegmentFrames.IMAGE), "EncodeSegmentations", e));
      }
    }

    static byte[] encode(InferOutput output, Segmentation s) {
      int w = s.getWidth();
      int h = s.getHeight();
      byte[] trainIds = s.getTrainIds();
      return switch (output) {
        case SERVER -> Png.encode(Raster.gray8(w, h, lookup(trainIds, TRAIN_ID_TO_ID)), Png.Compression.FAST);
        case TRAIN_IDS -> Png.encode(Raster.gray8(w, h, trainIds), Png.Compression.FAST);
        case COLOR -> Png.encode(Raster.rgb(w, h, colors(trainIds)), Png.Compression.FAST);
        case OVERLAY -> Png.encode(overlay(s), Png.Compression.FAST);
      };
    }

    private static byte[] lookup(byte[] values, byte[] table) {
      byte[] out = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = table[values[i] & 0xff];
      }
      return out;
    }

    private static byte[] colors(byte[] trainIds) {
      byte[] rgb = new byte[trainIds.length * 3];
      for (int i = 0, j = 0; i < trainIds.length; i++, j += 3) {
        int c = TRAIN_ID_TO_COLOR[trainIds[i] & 0xff];
        rgb[j] = (byte) (c >> 16);
        rgb[j + 1] = (byte) (c >> 8);
        rgb[j + 2] = (byte) c;
      }
      return rgb;
    }

    /** Half image, half class colour; void pixels show the image alone. */
    private static Raster overlay(Segmentation s) {
      if (s.getImage().length == 0) {
        throw new IllegalStateException("overlay requested but the image was not kept (SegmentFrames.withImages)");
      }
      Raster image = Png.decode(s.getImage(), s.getFrame().file(SegmentFrames.IMAGE));
      byte[] px = image.bytes();
      int channels = image.channels();
      byte[] trainIds = s.getTrainIds();
      byte[] rgb = new byte[trainIds.length * 3];
      for (int i = 0, j = 0, k = 0; i < trainIds.length; i++, j += 3, k += channels) {
        int t = trainIds[i] & 0xff;
        int c = TRAIN_ID_TO_COLOR[t];
        for (int ch = 0; ch < 3; ch++) {
          int v = px[k + (channels == 1 ? 0 : ch)] & 0xff;
          int color = (c >> (16 - 8 * ch)) & 0xff;
          rgb[j + ch] = (byte) (t == CityscapesLabels.IGNORE_TRAIN_ID ? v : (v + color + 1) >> 1);
        }
      }
      return Raster.rgb(s.getWidth(), s.getHeight(), rgb);
    }
  }
}

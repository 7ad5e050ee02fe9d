package dev.lednet.stages.prepare;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import dev.lednet.stages.image.Png;
import dev.lednet.stages.image.Raster;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The label images of one polygon annotation, each computed on request from the image of drawn
 * object indices that {@link LabelImageRenderer} made: pixel values as {@code json2labelImg.py}
 * and {@code json2instanceImg.py} write them.
 */
public final class LabelImages {

  /** Writes a pixel's R, G, B, A bytes as one big-endian int. */
  private static final VarHandle RGBA =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private static final Label UNLABELED = CityscapesLabels.byName("unlabeled").orElseThrow();

  private final CityscapesAnnotation annotation;
  private final short[] objectIndex;

  LabelImages(CityscapesAnnotation annotation, short[] objectIndex) {
    this.annotation = annotation;
    this.objectIndex = objectIndex;
  }

  public int width() {
    return annotation.width();
  }

  public int height() {
    return annotation.height();
  }

  /** One output as a new raster in the output's format. */
  public Raster raster(LabelOutput output) {
    return switch (output) {
      case LABEL_IDS -> gray8(classValues(Label::id, UNLABELED.id()));
      case LABEL_TRAIN_IDS -> gray8(classValues(Label::trainId, UNLABELED.trainId()));
      case COLOR -> rgba(classValues(label -> label.color().packed(), UNLABELED.color().packed()));
      case INSTANCE_IDS -> gray16(instanceValues(Label::id, UNLABELED.id()));
      case INSTANCE_TRAIN_IDS -> gray16(instanceValues(Label::trainId, UNLABELED.trainId()));
    };
  }

  /**
   * One output as PNG bytes. With {@link Png.Compression#FAST} the 8-bit outputs are looked up row
   * by row straight into the encoder, which saves allocating and filling a 2 MB raster per output
   * (about 1.5 ms of a 2048x1024 frame); the bytes are those of {@code Png.encode(raster(output),
   * compression)}.
   */
  public byte[] encode(LabelOutput output, Png.Compression compression) {
    boolean gray8 = output == LabelOutput.LABEL_IDS || output == LabelOutput.LABEL_TRAIN_IDS;
    if (compression != Png.Compression.FAST || !gray8) {
      return Png.encode(raster(output), compression);
    }
    byte[] table =
        gray8Table(
            output == LabelOutput.LABEL_IDS
                ? classValues(Label::id, UNLABELED.id())
                : classValues(Label::trainId, UNLABELED.trainId()));
    int width = width();
    return Png.encodeRows(
        width,
        height(),
        Raster.Format.GRAY8,
        (y, into) -> {
          int start = y * width;
          for (int x = 0; x < width; x++) {
            into[x] = table[objectIndex[start + x] & 0xffff];
          }
        });
  }

  /** Value per object index (0 = background) for outputs that draw each object's class value. */
  private int[] classValues(ToIntFunction<Label> classValue, int background) {
    int[] values = new int[drawnCount() + 1];
    values[0] = background;
    int drawn = 0;
    for (AnnotatedPolygon object : annotation.objects()) {
      if (object.drawn()) {
        values[++drawn] = classValue.applyAsInt(object.label());
      }
    }
    return values;
  }

  /**
   * As {@code json2instanceImg.py}: an object of a class with instances that is not a group and
   * whose value is not 255 (caravan and trailer train ids) gets {@code value * 1000 + k}, k
   * counting such objects of its class in file order from 0.
   */
  private int[] instanceValues(ToIntFunction<Label> classValue, int background) {
    int[] values = new int[drawnCount() + 1];
    values[0] = background;
    Map<String, Integer> instancesSeen = new HashMap<>();
    int drawn = 0;
    for (AnnotatedPolygon object : annotation.objects()) {
      Label label = object.label();
      int value = classValue.applyAsInt(label);
      if (label.hasInstances() && !object.group() && value != CityscapesLabels.IGNORE_TRAIN_ID) {
        value = value * 1000 + instancesSeen.merge(label.name(), 1, Integer::sum) - 1;
      }
      if (object.drawn()) {
        values[++drawn] = value;
      }
    }
    return values;
  }

  private int drawnCount() {
    return (int) annotation.objects().stream().filter(AnnotatedPolygon::drawn).count();
  }

  private static byte[] gray8Table(int[] values) {
    byte[] table = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      // Pillow's CLIP8 on the ink.
      table[i] = (byte) Math.max(0, Math.min(0xff, values[i]));
    }
    return table;
  }

  private Raster gray8(int[] values) {
    byte[] table = gray8Table(values);
    byte[] pixels = new byte[objectIndex.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = table[objectIndex[i] & 0xffff];
    }
    return Raster.gray8(width(), height(), pixels);
  }

  private Raster gray16(int[] values) {
    short[] table = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      // Pillow keeps 32-bit values in an "I" image; its PNG writer clips them to 0..65535.
      table[i] = (short) Math.max(0, Math.min(0xffff, values[i]));
    }
    short[] pixels = new short[objectIndex.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = table[objectIndex[i] & 0xffff];
    }
    return Raster.gray16(width(), height(), pixels);
  }

  private Raster rgba(int[] colors) {
    int[] rgbaOf = new int[colors.length];
    for (int i = 0; i < colors.length; i++) {
      rgbaOf[i] = (colors[i] << 8) | 0xff;
    }
    byte[] pixels = new byte[objectIndex.length * 4];
    for (int i = 0; i < objectIndex.length; i++) {
      RGBA.set(pixels, 4 * i, rgbaOf[objectIndex[i] & 0xffff]);
    }
    return Raster.rgba(width(), height(), pixels);
  }
}

package dev.lednet.stages.augment;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The random choices made for one augmented sample, in the order they are applied: resize to
 * {@code resizeWidth x resizeHeight}, colour factors, mirror, translate by (translateX,
 * translateY), then the output window at (cropX, cropY) of size {@code outputWidth x
 * outputHeight} (the whole image when there is no crop). {@link AugmentRecipe#draw} makes them;
 * {@link AugmentRecipe#apply} applies them. They go into each sample's metadata in the shards.
 */
@AutoValue
public abstract class SampleDraw implements Serializable {

  private static final long serialVersionUID = 1L;

  public abstract int resizeWidth();

  public abstract int resizeHeight();

  /** Brightness factor, 1 for none. */
  public abstract double brightness();

  /** Contrast factor, 1 for none. */
  public abstract double contrast();

  /** Saturation factor, 1 for none. */
  public abstract double saturation();

  /** Mirrored left to right. */
  public abstract boolean flip();

  /** Content moves right by this many pixels (left when negative). */
  public abstract int translateX();

  /** Content moves down by this many pixels (up when negative). */
  public abstract int translateY();

  /** Left edge of the output window; negative when the window is wider than the image. */
  public abstract int cropX();

  public abstract int cropY();

  public abstract int outputWidth();

  public abstract int outputHeight();

  abstract Builder toBuilder();

  static Builder builder() {
    return new AutoValue_SampleDraw.Builder()
        .brightness(1.0)
        .contrast(1.0)
        .saturation(1.0)
        .flip(false)
        .translateX(0)
        .translateY(0)
        .cropX(0)
        .cropY(0);
  }

  /** A draw that only resizes: the reference's transform with augmentation off. */
  public static SampleDraw resizeOnly(int width, int height) {
    return builder().resizeWidth(width).resizeHeight(height).outputWidth(width).outputHeight(height).build();
  }

  /** The choices as JSON-ready values, in a fixed order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("resize", new int[] {resizeWidth(), resizeHeight()});
    map.put("brightness", brightness());
    map.put("contrast", contrast());
    map.put("saturation", saturation());
    map.put("flip", flip());
    map.put("translate", new int[] {translateX(), translateY()});
    map.put("crop", new int[] {cropX(), cropY(), outputWidth(), outputHeight()});
    return map;
  }

  /** Reads what {@link #toMap} wrote (after a JSON round trip). */
  public static SampleDraw fromMap(Map<String, ?> map) {
    int[] resize = ints(map, "resize", 2);
    int[] translate = ints(map, "translate", 2);
    int[] crop = ints(map, "crop", 4);
    return builder()
        .resizeWidth(resize[0])
        .resizeHeight(resize[1])
        .brightness(number(map, "brightness"))
        .contrast(number(map, "contrast"))
        .saturation(number(map, "saturation"))
        .flip(Boolean.TRUE.equals(map.get("flip")))
        .translateX(translate[0])
        .translateY(translate[1])
        .cropX(crop[0])
        .cropY(crop[1])
        .outputWidth(crop[2])
        .outputHeight(crop[3])
        .build();
  }

  private static double number(Map<String, ?> map, String key) {
    if (!(map.get(key) instanceof Number n)) {
      throw new IllegalArgumentException("sample draw lacks the number '" + key + "': " + map);
    }
    return n.doubleValue();
  }

  private static int[] ints(Map<String, ?> map, String key, int count) {
    if (!(map.get(key) instanceof java.util.List<?> list) || list.size() != count) {
      throw new IllegalArgumentException("sample draw lacks '" + key + "' (" + count + " integers): " + map);
    }
    int[] values = new int[count];
    for (int i = 0; i < count; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new IllegalArgumentException("sample draw '" + key + "' is not integers: " + list);
      }
      values[i] = n.intValue();
    }
    return values;
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder resizeWidth(int value);

    abstract Builder resizeHeight(int value);

    abstract Builder brightness(double value);

    abstract Builder contrast(double value);

    abstract Builder saturation(double value);

    abstract Builder flip(boolean value);

    abstract Builder translateX(int value);

    abstract Builder translateY(int value);

    abstract Builder cropX(int value);

    abstract Builder cropY(int value);

    abstract Builder outputWidth(int value);

    abstract Builder outputHeight(int value);

    abstract SampleDraw build();
  }
}

package dev.lednet.stages.augment;

import com.google.auto.value.AutoValue;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.image.Raster;
import dev.lednet.stages.image.Resize;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What augmentation does to each training pair, as the reference trainer's {@code MyCoTransform}
 * (xiaoyufenfei/LEDNet {@code train/main.py}) and the usual extras:
 *
 * <ol>
 *   <li>resize so the shorter side is {@link #height()} (torchvision's {@code Resize(int)}: the
 *       other side {@code int(height * long / short)}), Pillow's bilinear for the image and nearest
 *       for the label, exactly; times a random factor in [{@link #minScale()}, {@link
 *       #maxScale()}] when a scale range is set (one resize, to the rounded scaled size);
 *   <li>colour jitter of the image (brightness, contrast, saturation, in that order, each factor
 *       uniform in [1 - j, 1 + j]) as Pillow's {@code ImageEnhance} computes it;
 *   <li>mirror left to right with probability 1/2, image and label together;
 *   <li>translate by whole pixels in [-{@link #maxTranslation()}, +{@link #maxTranslation()}] on
 *       each axis;
 *   <li>a {@link #cropWidth()} x {@link #cropHeight()} window at a random place (when set); a
 *       window larger than the image pads it.
 * </ol>
 *
 * <p>Exposed pixels are 0 in the image and {@value #LABEL_FILL} (ignore) in the label. The
 * reference fills the band that a negative translation exposes with 0 in the label, which is the
 * class road; here every exposed label pixel is ignored.
 *
 * <p>Every random choice comes from {@link SampleRandom}, so {@link #draw} gives the same {@link
 * SampleDraw} for the same (seed, frame, copy) anywhere; {@link #apply} is a pure function, which
 * a trainer can call on the fly to get the pixels the augment pipeline writes.
 */
@AutoValue
public abstract class AugmentRecipe implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Image pixels exposed by translation or padding. */
  public static final int IMAGE_FILL = 0;

  /** Label pixels exposed by translation or padding: ignored by the loss. */
  public static final int LABEL_FILL = CityscapesLabels.IGNORE_TRAIN_ID;

  /** Shorter side after resizing; 0 keeps the input's size. */
  public abstract int height();

  /** Mirror with probability 1/2. */
  public abstract boolean flip();

  /** Largest translation in pixels on each axis; 0 for none. */
  public abstract int maxTranslation();

  /** Random scale range, both 1 for none. */
  public abstract double minScale();

  public abstract double maxScale();

  /** Output window size, both 0 for none (the output is then the resized image's size). */
  public abstract int cropWidth();

  public abstract int cropHeight();

  /** Colour jitter strengths, 0 for none: factors are uniform in [max(0, 1 - j), 1 + j]. */
  public abstract double brightness();

  public abstract double contrast();

  public abstract double saturation();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder height(int value);

    abstract Builder flip(boolean value);

    abstract Builder maxTranslation(int value);

    abstract Builder minScale(double value);

    abstract Builder maxScale(double value);

    abstract Builder cropWidth(int value);

    abstract Builder cropHeight(int value);

    abstract Builder brightness(double value);

    abstract Builder contrast(double value);

    abstract Builder saturation(double value);

    abstract AugmentRecipe autoBuild();

    AugmentRecipe build() {
      AugmentRecipe recipe = autoBuild();
      recipe.check();
      return recipe;
    }
  }

  /** The reference's training transform: shorter side 512, mirror, translation up to 2 pixels. */
  public static AugmentRecipe reference() {
    return new AutoValue_AugmentRecipe.Builder()
        .height(512)
        .flip(true)
        .maxTranslation(2)
        .minScale(1.0)
        .maxScale(1.0)
        .cropWidth(0)
        .cropHeight(0)
        .brightness(0)
        .contrast(0)
        .saturation(0)
        .build();
  }

  /** Shorter side to {@code height}; 0 keeps the size. */
  public AugmentRecipe withHeight(int height) {
    return toBuilder().height(height).build();
  }

  public AugmentRecipe withFlip(boolean flip) {
    return toBuilder().flip(flip).build();
  }

  public AugmentRecipe withMaxTranslation(int pixels) {
    return toBuilder().maxTranslation(pixels).build();
  }

  /** A random scale factor uniform in [min, max] after the resize; (1, 1) for none. */
  public AugmentRecipe withScale(double min, double max) {
    return toBuilder().minScale(min).maxScale(max).build();
  }

  /** Output windows of this size; (0, 0) for none. */
  public AugmentRecipe withCrop(int width, int height) {
    return toBuilder().cropWidth(width).cropHeight(height).build();
  }

  /** Colour jitter strengths (torchvision's {@code ColorJitter} arguments); 0 for none. */
  public AugmentRecipe withJitter(double brightness, double contrast, double saturation) {
    return toBuilder().brightness(brightness).contrast(contrast).saturation(saturation).build();
  }

  public boolean hasScale() {
    return minScale() != 1.0 || maxScale() != 1.0;
  }

  public boolean hasCrop() {
    return cropWidth() > 0;
  }

  public boolean hasJitter() {
    return brightness() > 0 || contrast() > 0 || saturation() > 0;
  }

  private void check() {
    if (height() < 0) {
      throw new IllegalArgumentException("height must be 0 (keep the size) or positive: " + height());
    }
    if (maxTranslation() < 0) {
      throw new IllegalArgumentException("translation must not be negative: " + maxTranslation());
    }
    if (!(minScale() > 0) || !(maxScale() >= minScale()) || Double.isInfinite(maxScale())) {
      throw new IllegalArgumentException(
          "scale range needs 0 < min <= max, got " + minScale() + "," + maxScale());
    }
    if ((cropWidth() > 0) != (cropHeight() > 0) || cropWidth() < 0 || cropHeight() < 0) {
      throw new IllegalArgumentException("crop size must be positive: " + cropWidth() + "x" + cropHeight());
    }
    for (double j : new double[] {brightness(), contrast(), saturation()}) {
      if (!(j >= 0) || Double.isInfinite(j)) {
        throw new IllegalArgumentException("jitter strengths must be 0 or positive, got " + j);
      }
    }
  }

  /**
   * The size torchvision's {@code Resize(size)} gives a {@code width x height} image: the shorter
   * side {@code size}, the longer {@code int(size * long / short)}.
   */
  public static int[] shorterSideTo(int width, int height, int size) {
    if (width <= height) {
      return new int[] {size, (int) ((double) size * height / width)};
    }
    return new int[] {(int) ((double) size * width / height), size};
  }

  /** The random choices for one copy of one frame whose image is {@code width x height}. */
  public SampleDraw draw(long seed, String frameId, int copy, int imageWidth, int imageHeight) {
    SampleRandom random = SampleRandom.of(seed, frameId, copy);
    int[] size =
        height() == 0
            ? new int[] {imageWidth, imageHeight}
            : shorterSideTo(imageWidth, imageHeight, height());
    if (hasScale()) {
      double scale = random.uniform("scale", minScale(), maxScale());
      size =
          new int[] {
            (int) Math.max(1, Math.round(size[0] * scale)), (int) Math.max(1, Math.round(size[1] * scale))
          };
    }
    SampleDraw.Builder draw = SampleDraw.builder().resizeWidth(size[0]).resizeHeight(size[1]);
    if (brightness() > 0) {
      draw.brightness(random.uniform("brightness", Math.max(0, 1 - brightness()), 1 + brightness()));
    }
    if (contrast() > 0) {
      draw.contrast(random.uniform("contrast", Math.max(0, 1 - contrast()), 1 + contrast()));
    }
    if (saturation() > 0) {
      draw.saturation(random.uniform("saturation", Math.max(0, 1 - saturation()), 1 + saturation()));
    }
    draw.flip(flip() && random.uniform("flip") < 0.5);
    draw.translateX(random.integer("translateX", -maxTranslation(), maxTranslation()));
    draw.translateY(random.integer("translateY", -maxTranslation(), maxTranslation()));
    if (hasCrop()) {
      int slackX = size[0] - cropWidth();
      int slackY = size[1] - cropHeight();
      draw.cropX(random.integer("cropX", Math.min(0, slackX), Math.max(0, slackX)));
      draw.cropY(random.integer("cropY", Math.min(0, slackY), Math.max(0, slackY)));
      draw.outputWidth(cropWidth()).outputHeight(cropHeight());
    } else {
      draw.outputWidth(size[0]).outputHeight(size[1]);
    }
    return draw.build();
  }

  /**
   * Applies one draw to an RGB image and its trainId label map (8-bit gray, the same size):
   * resize, jitter, mirror, translate, window. Inputs are not modified.
   */
  public static AugmentedPair apply(Raster image, Raster label, SampleDraw draw) {
    new AugmentedPair(image, label); // checks formats and sizes
    return applyResized(
        Resize.bilinear(image, draw.resizeWidth(), draw.resizeHeight()),
        Resize.nearest(label, draw.resizeWidth(), draw.resizeHeight()),
        draw);
  }

  /** {@link #apply} to a pair already resized to the draw's resize size. */
  static AugmentedPair applyResized(Raster image, Raster label, SampleDraw draw) {
    Raster img = image;
    Raster lab = label;
    img = PillowEnhance.brightness(img, draw.brightness());
    img = PillowEnhance.contrast(img, draw.contrast());
    img = PillowEnhance.saturation(img, draw.saturation());
    if (draw.flip()) {
      img = RasterWindows.flipLeftRight(img);
      lab = RasterWindows.flipLeftRight(lab);
    }
    if (draw.translateX() != 0 || draw.translateY() != 0) {
      img = RasterWindows.translate(img, draw.translateX(), draw.translateY(), IMAGE_FILL);
      lab = RasterWindows.translate(lab, draw.translateX(), draw.translateY(), LABEL_FILL);
    }
    img = RasterWindows.window(img, draw.cropX(), draw.cropY(), draw.outputWidth(), draw.outputHeight(), IMAGE_FILL);
    lab = RasterWindows.window(lab, draw.cropX(), draw.cropY(), draw.outputWidth(), draw.outputHeight(), LABEL_FILL);
    return new AugmentedPair(img, lab);
  }

  /** The recipe as JSON-ready values (for the manifest), in a fixed order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("height", height());
    map.put("flip", flip());
    map.put("maxTranslation", maxTranslation());
    map.put("scale", hasScale() ? new double[] {minScale(), maxScale()} : null);
    map.put("crop", hasCrop() ? new int[] {cropWidth(), cropHeight()} : null);
    map.put("jitter", hasJitter() ? jitterMap() : null);
    map.put("imageFill", IMAGE_FILL);
    map.put("labelFill", LABEL_FILL);
    return map;
  }

  private Map<String, Object> jitterMap() {
    Map<String, Object> jitter = new LinkedHashMap<>();
    jitter.put("brightness", brightness());
    jitter.put("contrast", contrast());
    jitter.put("saturation", saturation());
    return jitter;
  }

  /** Reads what {@link #toMap} wrote (after a JSON round trip), e.g. from a manifest. */
  public static AugmentRecipe fromMap(Map<String, ?> map) {
    AugmentRecipe recipe =
        reference()
            .withHeight(((Number) map.get("height")).intValue())
            .withFlip(Boolean.TRUE.equals(map.get("flip")))
            .withMaxTranslation(((Number) map.get("maxTranslation")).intValue());
    if (map.get("scale") instanceof List<?> scale) {
      recipe = recipe.withScale(((Number) scale.get(0)).doubleValue(), ((Number) scale.get(1)).doubleValue());
    }
    if (map.get("crop") instanceof List<?> crop) {
      recipe = recipe.withCrop(((Number) crop.get(0)).intValue(), ((Number) crop.get(1)).intValue());
    }
    if (map.get("jitter") instanceof Map<?, ?> jitter) {
      recipe =
          recipe.withJitter(
              ((Number) jitter.get("brightness")).doubleValue(),
              ((Number) jitter.get("contrast")).doubleValue(),
              ((Number) jitter.get("saturation")).doubleValue());
    }
    return recipe;
  }

  /** One line for people: {@code height 512, flip, translate 2 px, scale 0.5-2.0, crop 1024x512}. */
  public String describe() {
    StringBuilder s = new StringBuilder(height() == 0 ? "size kept" : "height " + height());
    s.append(flip() ? ", flip" : ", no flip");
    s.append(", translate ").append(maxTranslation()).append(" px");
    if (hasScale()) {
      s.append(", scale ").append(minScale()).append('-').append(maxScale());
    }
    if (hasCrop()) {
      s.append(", crop ").append(cropWidth()).append('x').append(cropHeight());
    }
    if (hasJitter()) {
      s.append(", jitter ").append(brightness()).append(',').append(contrast()).append(',').append(saturation());
    }
    return s.toString();
  }
}

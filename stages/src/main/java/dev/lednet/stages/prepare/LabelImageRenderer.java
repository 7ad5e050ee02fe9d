package dev.lednet.stages.prepare;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;

/**
 * Draws a polygon annotation once, as the index of the object each pixel shows, with Pillow
 * 9.4.0's fill; every {@link LabelOutput} is then a lookup of that image. This is exact because
 * the official tools draw the same objects in the same order for every output, only with other
 * values. Not thread-safe (it reuses the fill's buffers).
 */
public final class LabelImageRenderer {

  /** Object indices are stored in 16 bits, 0 being the background. */
  public static final int MAX_DRAWN_OBJECTS = 0xffff;

  static {
    // The shared index image needs every output to skip the same objects: json2labelImg skips
    // negative ids, json2instanceImg -t negative train ids.
    for (Label label : CityscapesLabels.all()) {
      if ((label.id() < 0) != (label.trainId() < 0)) {
        throw new IllegalStateException("label '" + label.name() + "' is skipped by some outputs only");
      }
    }
  }

  private final PillowPolygonFill fill = new PillowPolygonFill();

  /**
   * Draws the objects that the official tools draw, in file order.
   *
   * @throws InvalidAnnotationException if more than {@value #MAX_DRAWN_OBJECTS} objects are drawn
   */
  public LabelImages render(CityscapesAnnotation annotation) {
    int width = annotation.width();
    int height = annotation.height();
    short[] objectIndex = new short[width * height];
    int drawn = 0;
    for (AnnotatedPolygon object : annotation.objects()) {
      if (!object.drawn()) {
        continue;
      }
      if (drawn == MAX_DRAWN_OBJECTS) {
        throw new InvalidAnnotationException(
            "more than " + MAX_DRAWN_OBJECTS + " objects to draw in one annotation");
      }
      drawn++;
      try {
        fill.fill(objectIndex, width, height, object.polygon(), drawn);
      } catch (IllegalArgumentException e) {
        throw new InvalidAnnotationException(
            "object " + object.index() + " (" + object.name() + "): " + e.getMessage(), e);
      }
    }
    return new LabelImages(annotation, objectIndex);
  }
}

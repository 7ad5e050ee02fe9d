package dev.lednet.stages.synth;

import com.google.common.collect.ImmutableList;
import dev.lednet.schemas.CityscapesLabels;
import java.util.List;

/**
 * One annotated object of a synthetic frame: a Cityscapes label name and its polygon, as written
 * to {@code gtFine_polygons.json}, and how it lies in the world, which only the renderer uses.
 *
 * @param label a label name of the table, or a {@code ...group} name of a label with instances
 * @param polygon at least three vertices, inside the image
 * @param surface where the object is, for texturing
 */
public record SceneObject(String label, List<Point> polygon, Surface surface) {

  public SceneObject {
    if (CityscapesLabels.assureSingleInstanceName(label).isEmpty()) {
      throw new IllegalArgumentException("not a Cityscapes label: '" + label + "'");
    }
    if (polygon.size() < 3) {
      throw new IllegalArgumentException(label + " polygon has " + polygon.size() + " vertices");
    }
    polygon = ImmutableList.copyOf(polygon);
  }
}

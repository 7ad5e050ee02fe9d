package dev.lednet.stages.synth;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A synthetic street frame before rendering: labelled polygons in drawing order (later objects
 * cover earlier ones, as in Cityscapes' JSON files), the camera they were projected with, and the
 * seed of the frame's appearance (colours, lighting, noise).
 */
public record StreetScene(
    int width, int height, Camera camera, long appearanceSeed, List<SceneObject> objects) {

  public StreetScene {
    objects = ImmutableList.copyOf(objects);
  }

  /** Number of objects with this exact label (groups are counted under their own name). */
  public long count(String label) {
    return objects.stream().filter(o -> o.label().equals(label)).count();
  }
}

package dev.lednet.stages.synth;

import dev.lednet.stages.image.Raster;
import dev.lednet.stages.prepare.PillowPolygonFill;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders the camera image of a street scene from its rasterised labels, so that image and labels
 * agree pixel for pixel. Each class has its own material (colours away from the label palette,
 * texture, shading) and each instance its own variation (car paint, clothes, sign colours); the
 * frame has its own lighting, haze and sensor noise. The point is a learnable but not trivial
 * mapping: the same class looks different across instances and frames, and classes share colours.
 *
 * <p>Not thread-safe (it reuses the polygon filler): use one renderer per thread.
 */
public final class StreetSceneRenderer {

  private final PillowPolygonFill fill = new PillowPolygonFill();

  private StreetSceneRenderer() {}

  public static StreetSceneRenderer create() {
    return new StreetSceneRenderer();
  }

  /** The RGB image of the scene. */
  public Raster render(StreetScene scene) {
    short[] objects = rasterize(scene);
    SplittableRandom random = new SplittableRandom(scene.appearanceSeed());
    Lighting lighting = Lighting.random(random);
    Paint[] paints = Paint.forScene(scene, lighting, random);
    byte[] rgb = new Shader(scene, lighting, paints, random.nextLong()).shade(objects);
    return Raster.rgb(scene.width(), scene.height(), rgb);
  }

  /**
   * The object drawn topmost at each pixel, as 1 + its index in the scene (0 where none is),
   * filled in drawing order with the same polygon fill as the label images. Licence plates are
   * drawn too: the label images leave them out (their labelId is -1), the image shows them.
   */
  public short[] rasterize(StreetScene scene) {
    List<SceneObject> objects = scene.objects();
    if (objects.size() >= 0xffff) {
      throw new IllegalArgumentException("a scene has at most 65534 objects, got " + objects.size());
    }
    short[] map = new short[scene.width() * scene.height()];
    for (int i = 0; i < objects.size(); i++) {
      List<Point> polygon = objects.get(i).polygon();
      double[] xy = new double[polygon.size() * 2];
      for (int k = 0; k < polygon.size(); k++) {
        xy[2 * k] = polygon.get(k).x();
        xy[2 * k + 1] = polygon.get(k).y();
      }
      fill.fill(map, scene.width(), scene.height(), xy, i + 1);
    }
    return map;
  }
}

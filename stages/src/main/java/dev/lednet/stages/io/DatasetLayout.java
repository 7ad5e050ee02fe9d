package dev.lednet.stages.io;

/**
 * Where the files of a Cityscapes dataset live: {@code <root>/<type>/<split>/<city>/<id>_<component>.<ext>},
 * with {@code type} {@code leftImg8bit}, {@code gtFine}, {@code gtCoarse}, ... Roots are local
 * paths or {@code gs://bucket/prefix}; paths are joined with {@code /}, which both accept.
 */
public final class DatasetLayout {

  private DatasetLayout() {}

  /** The directory type of a component: {@code gtFine_polygons} lives under {@code gtFine}. */
  public static String typeOf(String component) {
    int underscore = component.indexOf('_');
    return underscore < 0 ? component : component.substring(0, underscore);
  }

  /** The file extension of a component: polygons are JSON, everything else PNG. */
  public static String extensionOf(String component) {
    return component.endsWith("_polygons") ? "json" : "png";
  }

  /** {@code <root>/<type>/<split>/*}{@code /*_<component>.<ext>}: every file of a component in a split. */
  public static String pattern(String root, String split, String component) {
    return join(root, typeOf(component), split, "*", "*_" + component + "." + extensionOf(component));
  }

  /** The path of one file: {@code <root>/<type>/<split>/<city>/<id>_<component>.<ext>}. */
  public static String path(String root, String split, String city, String frameId, String component) {
    return join(
        root, typeOf(component), split, city, frameId + "_" + component + "." + extensionOf(component));
  }

  /** Joins path segments with single slashes, keeping a scheme's {@code //}. */
  public static String join(String first, String... more) {
    StringBuilder path = new StringBuilder(stripTrailingSlashes(first));
    for (String segment : more) {
      String s = segment;
      while (s.startsWith("/")) {
        s = s.substring(1);
      }
      path.append('/').append(stripTrailingSlashes(s));
    }
    return path.toString();
  }

  private static String stripTrailingSlashes(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == '/' && !s.substring(0, end).endsWith("://")) {
      end--;
    }
    return s.substring(0, end);
  }
}

package dev.lednet.schemas;

import java.util.Arrays;

/**
 * A Cityscapes file name split as cityscapesScripts' {@code getCsFileInfo} splits it: {@code
 * <city>_<seq>_<frame>_<type>[_<type2>].<ext>}, e.g. {@code aachen_000000_000019_gtFine_polygons.json}
 * has type {@code gtFine}, type2 {@code polygons} and extension {@code json}.
 *
 * @param frameId the frame
 * @param type {@code leftImg8bit}, {@code gtFine}, {@code gtCoarse}, ...
 * @param type2 {@code polygons}, {@code labelIds}, ... or empty
 * @param extension {@code png}, {@code json}, ...
 */
public record CityscapesFileName(FrameId frameId, String type, String type2, String extension) {

  /**
   * Parses a path's file name.
   *
   * @throws IllegalArgumentException naming the file when it has not 5 or 6 parts
   */
  public static CityscapesFileName parse(String path) {
    String name = FrameId.baseName(path);
    String[] underscored = name.split("_", -1);
    String last = underscored[underscored.length - 1];
    int dot = last.indexOf('.');
    if (underscored.length < 4 || underscored.length > 5 || dot <= 0 || dot != last.lastIndexOf('.')) {
      throw new IllegalArgumentException(
          "not a Cityscapes file name: '"
              + path
              + "' (expected <city>_<seq>_<frame>_<type>[_<type2>].<ext>, found "
              + Arrays.toString(underscored)
              + ")");
    }
    FrameId frameId;
    try {
      frameId = new FrameId(underscored[0], underscored[1], underscored[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a Cityscapes file name: '" + path + "': " + e.getMessage(), e);
    }
    String ext = last.substring(dot + 1);
    String lastStem = last.substring(0, dot);
    if (underscored.length == 4) {
      return new CityscapesFileName(frameId, lastStem, "", ext);
    }
    return new CityscapesFileName(frameId, underscored[3], lastStem, ext);
  }

  /** {@code type} or {@code type_type2}: the key of this file among its frame's files. */
  public String component() {
    return type2.isEmpty() ? type : type + "_" + type2;
  }

  @Override
  public String toString() {
    return frameId.fileName(component() + "." + extension);
  }
}

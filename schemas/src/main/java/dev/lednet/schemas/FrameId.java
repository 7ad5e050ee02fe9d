package dev.lednet.schemas;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a Cityscapes frame, {@code <city>_<seq>_<frame>}, the part common to every file
 * of the frame (cityscapesScripts' {@code getCoreImageFileName}).
 *
 * @param city the city, e.g. {@code frankfurt}
 * @param sequence the sequence number as written, e.g. {@code 000000}
 * @param frame the frame number as written, e.g. {@code 000294}
 */
public record FrameId(String city, String sequence, String frame) implements Comparable<FrameId> {

  private static final Pattern CITY = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");
  private static final Pattern CORE =
      Pattern.compile("([A-Za-z][A-Za-z0-9-]*)_([0-9]+)_([0-9]+)(?:_.*|\\..*)?");

  public FrameId {
    if (city == null || !CITY.matcher(city).matches()) {
      throw new IllegalArgumentException("invalid city '" + city + "': letters, digits and '-' only");
    }
    if (sequence == null || !NUMBER.matcher(sequence).matches()) {
      throw new IllegalArgumentException("invalid sequence number '" + sequence + "': digits only");
    }
    if (frame == null || !NUMBER.matcher(frame).matches()) {
      throw new IllegalArgumentException("invalid frame number '" + frame + "': digits only");
    }
  }

  /** Parses {@code city_seq_frame}, exactly. */
  public static FrameId parse(String id) {
    String[] parts = id.split("_", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "not a Cityscapes frame id '" + id + "': expected <city>_<seq>_<frame>");
    }
    return new FrameId(parts[0], parts[1], parts[2]);
  }

  /**
   * The frame a file belongs to, from its name (any directory is ignored): {@code
   * <city>_<seq>_<frame>} followed by {@code _anything} or an extension. Predictions named {@code
   * <city>_<seq>_<frame>*.png} are found this way, as the official evaluation does.
   *
   * @throws IllegalArgumentException naming the file when it is not a Cityscapes file name
   */
  public static FrameId fromFileName(String path) {
    String name = baseName(path);
    Matcher m = CORE.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a Cityscapes file name: '"
              + path
              + "' (expected <city>_<seq>_<frame>_<type>.<ext>, e.g."
              + " aachen_000000_000019_leftImg8bit.png)");
    }
    return new FrameId(m.group(1), m.group(2), m.group(3));
  }

  /** The file name of this frame with the given suffix: {@code fileName("gtFine_labelIds.png")}. */
  public String fileName(String suffix) {
    return this + "_" + suffix;
  }

  @Override
  public String toString() {
    return city + "_" + sequence + "_" + frame;
  }

  @Override
  public int compareTo(FrameId other) {
    return toString().compareTo(other.toString());
  }

  /** The file name part of a local or {@code gs://} path. */
  public static String baseNameOf(String path) {
    return baseName(path);
  }

  static String baseName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}

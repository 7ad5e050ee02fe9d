package dev.lednet.stages.prepare;

import dev.lednet.schemas.Label;

/**
 * One object of a polygon annotation that the official tools draw or skip by label (deleted
 * objects are not kept).
 *
 * @param index the object's position in the JSON {@code objects} array, for messages
 * @param name the label as written, e.g. {@code cargroup}
 * @param label the label it resolves to, e.g. {@code car}
 * @param group whether the name was a group ({@code cargroup}): such objects get the class id,
 *     no instance number
 * @param polygon the vertices as {@code x0, y0, x1, y1, ...}, as written (not yet truncated)
 */
public record AnnotatedPolygon(int index, String name, Label label, boolean group, double[] polygon) {

  /** Whether the official tools draw it: labels with a negative id (license plate) are skipped. */
  public boolean drawn() {
    return label.id() >= 0;
  }

  public int points() {
    return polygon.length / 2;
  }
}

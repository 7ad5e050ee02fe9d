package dev.lednet.schemas;

/** An 8-bit sRGB colour. */
public record Rgb(int red, int green, int blue) {
  public Rgb {
    if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
      throw new IllegalArgumentException("colour components must be 0..255: " + red + "," + green + "," + blue);
    }
  }

  /** The colour packed as {@code 0xRRGGBB}. */
  public int packed() {
    return (red << 16) | (green << 8) | blue;
  }
}

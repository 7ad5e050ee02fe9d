package dev.lednet.pipelines.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An image size written {@code WIDTHxHEIGHT} on the command line, e.g. {@code 2048x1024}. */
public record ImageSize(int width, int height) {

  public ImageSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }

  /** Parses {@code WIDTHxHEIGHT}. */
  public static final class Converter implements ITypeConverter<ImageSize> {
    @Override
    public ImageSize convert(String value) {
      String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x", -1);
      try {
        if (parts.length == 2) {
          return new ImageSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a size WIDTHxHEIGHT, e.g. 2048x1024");
    }
  }
}

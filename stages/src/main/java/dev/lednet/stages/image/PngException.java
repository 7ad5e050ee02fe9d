package dev.lednet.stages.image;

/**
 * A PNG that cannot be read or written: not a PNG, truncated, corrupt (CRC or zlib), or a colour
 * type this project does not decode. The message starts with the file it came from so that a failed
 * element in a pipeline of thousands of frames can be found again.
 */
public final class PngException extends IllegalArgumentException {

  PngException(String source, String problem) {
    super(source + ": " + problem);
  }

  PngException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}

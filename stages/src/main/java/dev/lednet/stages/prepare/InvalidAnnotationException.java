package dev.lednet.stages.prepare;

/**
 * A polygon annotation that the official cityscapesScripts tools would refuse, or that cannot be
 * rendered exactly; the message says what is wrong and where, for a person to fix the file.
 */
public final class InvalidAnnotationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidAnnotationException(String message) {
    super(message);
  }

  public InvalidAnnotationException(String message, Throwable cause) {
    super(message, cause);
  }
}

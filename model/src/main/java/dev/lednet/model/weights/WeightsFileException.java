package dev.lednet.model.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A weights file that cannot be read as a state dict: truncated, corrupt, a format or dtype this
 * package does not read, or a pickle that holds something other than tensors by name. The message
 * starts with the file, so that a failed conversion says which of many checkpoints was bad.
 */
public final class WeightsFileException extends IOException {

  private final String problem;

  public WeightsFileException(Path file, String problem) {
    this(file, problem, null);
  }

  public WeightsFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.problem = problem;
  }

  /** The message without the file. */
  String problem() {
    return problem;
  }
}

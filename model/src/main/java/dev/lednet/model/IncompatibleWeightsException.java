package dev.lednet.model;

import java.io.IOException;
import java.util.List;

/**
 * Weights that do not fit the network: keys it lacks, keys it does not have, or shapes that
 * differ. Every problem is listed with its key, so a mismatched checkpoint is fixed in one go.
 */
public final class IncompatibleWeightsException extends IOException {

  private final List<String> problems;

  IncompatibleWeightsException(String source, List<String> problems) {
    super(
        source
            + ": the weights do not fit the network ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

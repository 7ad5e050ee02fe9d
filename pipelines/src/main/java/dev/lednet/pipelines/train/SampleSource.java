package dev.lednet.pipelines.train;

import java.io.IOException;

/** Where one training pair comes from; loading decodes it, so a set of sources costs no memory. */
public interface SampleSource {

  /** The frame id (and copy), unique in its set; random draws derive from it. */
  String id();

  /**
   * Sources of one group are read together (one shard file); an epoch shuffles the groups and the
   * sources within each. By default every source is its own group.
   */
  default String group() {
    return id();
  }

  TrainingSample load() throws IOException;
}

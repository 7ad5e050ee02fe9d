package dev.lednet.pipelines.train;

import java.io.IOException;

/** Where one training pair comes from; loading decodes it, so a set of sources costs no memory. */
public interface SampleSource {

  /** The frame id (and copy), unique in its set; random draws derive from it. */
  String id();

  TrainingSample load() throws IOException;
}

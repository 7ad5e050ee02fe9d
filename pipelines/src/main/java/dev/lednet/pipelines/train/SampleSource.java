package dev.lednet.pipelines.train;

import dev.lednet.stages.image.Raster;
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

  /** The label map alone (for class statistics); sources that can skip the image do. */
  default Raster label() throws IOException {
    return load().label();
  }
}

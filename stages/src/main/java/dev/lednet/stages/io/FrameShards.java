package dev.lednet.stages.io;

import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Keys for joins by frame. Stages group the files of many frames under one shard key and join
 * them in memory, instead of one group per frame: the DirectRunner runs each key of a shuffle as a
 * bundle of its own and pays a fixed cost per bundle (translating the following steps), which took
 * more than half of a 600-frame prepare. 16 shards keep DirectRunner bundles large (measured: 16
 * beat 64 by 40% on a 100-frame evaluate) and bounded to about frames/16 each; distributed runners
 * get 256 and spread frames again afterwards.
 */
public final class FrameShards {

  private FrameShards() {}

  /** The number of shards for a pipeline with these options. */
  public static int count(PipelineOptions options) {
    return Spread.onDirectRunner(options) ? 16 : 256;
  }

  /** The shard of a frame id. */
  public static int of(String frameId, int shards) {
    return Math.floorMod(frameId.hashCode(), shards);
  }
}

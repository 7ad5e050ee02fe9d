package dev.lednet.stages.augment;

import dev.lednet.stages.image.Raster;

/**
 * One sample read back from a shard: its key ({@code <frameId>_<copy>}), the RGB image, the
 * trainId label map (8-bit gray, 255 ignored) and the draw that made it.
 */
public record ShardSample(String key, String frameId, int copy, Raster image, Raster label, SampleDraw draw) {}

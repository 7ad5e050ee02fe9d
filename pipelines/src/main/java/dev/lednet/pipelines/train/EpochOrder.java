package dev.lednet.pipelines.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The order of one epoch: groups (shards) shuffled, then the sources within each group, so a
 * streamed shard is read once per epoch; with one source per group this is a plain shuffle.
 */
final class EpochOrder {

  private EpochOrder() {}

  static List<SampleSource> shuffle(List<SampleSource> sources, Random random) {
    Map<String, List<SampleSource>> groups = new LinkedHashMap<>();
    for (SampleSource s : sources) {
      groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
    }
    List<List<SampleSource>> order = new ArrayList<>(groups.values());
    Collections.shuffle(order, random);
    List<SampleSource> out = new ArrayList<>(sources.size());
    for (List<SampleSource> group : order) {
      List<SampleSource> members = new ArrayList<>(group);
      Collections.shuffle(members, random);
      out.addAll(members);
    }
    return out;
  }
}

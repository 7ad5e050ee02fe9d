package dev.lednet.pipelines.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpochOrderTest {

  private static SampleSource source(String id, String group) {
    return new SampleSource() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String group() {
        return group;
      }

      @Override
      public TrainingSample load() {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void samplesOfAShardStayTogetherAndEveryShardIsVisitedOnce() {
    List<SampleSource> all = new ArrayList<>();
    for (int shard = 0; shard < 5; shard++) {
      for (int i = 0; i < 4; i++) {
        all.add(source(shard + "#" + i, "shard-" + shard));
      }
    }
    List<SampleSource> order = EpochOrder.shuffle(all, new Random(3));
    assertEquals(20, new HashSet<>(order).size());
    List<String> runs = new ArrayList<>();
    for (SampleSource s : order) {
      if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(s.group())) {
        runs.add(s.group());
      }
    }
    assertEquals(5, runs.size(), "each shard is one contiguous run: " + runs);
    assertNotEquals(all.stream().map(SampleSource::id).toList(), order.stream().map(SampleSource::id).toList());
  }

  @Test
  void theSameSeedGivesTheSameOrder() {
    List<SampleSource> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(source("frame" + i, "frame" + i));
    }
    assertEquals(
        EpochOrder.shuffle(all, new Random(9)).stream().map(SampleSource::id).toList(),
        EpochOrder.shuffle(all, new Random(9)).stream().map(SampleSource::id).toList());
  }
}

package dev.lednet.stages.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SynthStreetSceneGeneratorTest {

  private final StreetSceneGenerator generator = StreetSceneGenerator.of(2048, 1024);

  @Test
  void sameSeedAndIndexGiveTheSameScene() {
    StreetScene first = generator.generate(7, 3);
    StreetSceneGenerator.of(2048, 1024).generate(7, 2); // other frames leave no trace
    assertEquals(first, StreetSceneGenerator.of(2048, 1024).generate(7, 3));
  }

  @Test
  void differentSeedsOrIndicesGiveDifferentScenes() {
    StreetScene scene = generator.generate(7, 3);
    assertNotEquals(scene.objects(), generator.generate(8, 3).objects());
    assertNotEquals(scene.objects(), generator.generate(7, 4).objects());
  }

  @Test
  void everyTrainClassAppearsWithinEightConsecutiveFrames() {
    Set<Integer> all = IntStream.range(0, CityscapesLabels.NUM_TRAIN_CLASSES).boxed().collect(Collectors.toSet());
    for (long seed : new long[] {0, 1, 2, 3, 4}) {
      for (long start : new long[] {0, 5}) {
        Set<Integer> seen = new TreeSet<>();
        for (long index = start; index < start + 8; index++) {
          for (SceneObject object : generator.generate(seed, index).objects()) {
            seen.add(label(object.label()).trainId());
          }
        }
        seen.retainAll(all);
        assertEquals(all, seen, "seed " + seed + ", frames " + start + ".." + (start + 7));
      }
    }
  }

  @Test
  void everyFrameHasSeveralCarsAndPersons() {
    for (long index = 0; index < 30; index++) {
      StreetScene scene = generator.generate(11, index);
      assertTrue(scene.count("car") >= 3, "cars in frame " + index + ": " + scene.count("car"));
      assertTrue(scene.count("person") >= 2, "persons in frame " + index + ": " + scene.count("person"));
    }
  }

  @Test
  void everyFrameHasTheEgoVehicleDrawnLast() {
    for (long index = 0; index < 10; index++) {
      StreetScene scene = generator.generate(5, index);
      String last = scene.objects().get(scene.objects().size() - 1).label();
      assertTrue(last.equals("ego vehicle") || last.equals("out of roi"), last);
      assertEquals(1, scene.count("ego vehicle"));
      assertEquals("sky", scene.objects().get(0).label());
    }
  }

  @Test
  void voidLabelsAndGroupsAppearOverAHundredFrames() {
    Set<String> labels = new TreeSet<>();
    for (long index = 0; index < 100; index++) {
      generator.generate(3, index).objects().forEach(o -> labels.add(o.label()));
    }
    assertTrue(
        labels.containsAll(
            Set.of("ego vehicle", "static", "dynamic", "ground", "out of roi", "parking", "rail track", "license plate", "cargroup", "persongroup")),
        labels.toString());
  }

  @Test
  void polygonsLieInsideTheImage() {
    StreetSceneGenerator small = StreetSceneGenerator.of(640, 320);
    for (long index = 0; index < 20; index++) {
      for (SceneObject object : small.generate(9, index).objects()) {
        for (Point p : object.polygon()) {
          assertTrue(p.x() >= 0 && p.x() < 640 && p.y() >= 0 && p.y() < 320, object.label() + " " + p);
        }
      }
    }
  }

  @Test
  void framesAreNamedAfterTheirSplitsCities() {
    var splits = java.util.List.of("train", "val", "test");
    assertEquals("aachen_000000_000019", SyntheticFrame.of(0, splits).id().toString());
    assertEquals("val", SyntheticFrame.of(1, splits).split());
    assertEquals("frankfurt_000000_000019", SyntheticFrame.of(1, splits).id().toString());
    assertEquals("berlin_000000_000019", SyntheticFrame.of(2, splits).id().toString());
    assertEquals("bochum_000000_000019", SyntheticFrame.of(3, splits).id().toString());
    assertEquals("frankfurt_000001_000019", SyntheticFrame.of(10, splits).id().toString());
    assertEquals("demo_000002_000019", SyntheticFrame.of(2, java.util.List.of("demo")).id().toString());
  }

  private static Label label(String name) {
    return CityscapesLabels.byName(CityscapesLabels.assureSingleInstanceName(name).orElseThrow()).orElseThrow();
  }
}

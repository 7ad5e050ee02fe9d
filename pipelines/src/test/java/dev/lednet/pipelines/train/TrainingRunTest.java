package dev.lednet.pipelines.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.train.EpochRecord;
import dev.lednet.model.train.TrainingCheckpoint;
import dev.lednet.model.weights.StateDict;
import dev.lednet.model.weights.WeightsFileException;
import dev.lednet.stages.image.Raster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

  @TempDir Path dir;

  /** Road (dark) below a horizon, sky (bright) above, a car block, and a void band on top. */
  static SampleSource scene(int index) {
    return new SampleSource() {
      @Override
      public String id() {
        return "synthetic_" + index;
      }

      @Override
      public TrainingSample load() {
        int w = 128;
        int h = 64;
        byte[] rgb = new byte[w * h * 3];
        byte[] ids = new byte[w * h];
        int horizon = 24 + index * 3;
        int carX = 20 + index * 17;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int id;
            int[] colour;
            if (y < 4) {
              id = 255;
              colour = new int[] {0, 0, 0};
            } else if (y > horizon && x >= carX && x < carX + 24 && y < horizon + 20) {
              id = 13;
              colour = new int[] {20, 30, 160};
            } else if (y < horizon) {
              id = 10;
              colour = new int[] {120, 170, 230};
            } else {
              id = 0;
              colour = new int[] {90, 80, 90};
            }
            ids[y * w + x] = (byte) id;
            for (int c = 0; c < 3; c++) {
              rgb[(y * w + x) * 3 + c] = (byte) (colour[c] + ((x * 7 + y * 13 + c) % 9));
            }
          }
        }
        return new TrainingSample(id(), Raster.rgb(w, h, rgb), Raster.gray8(w, h, ids));
      }
    };
  }

  static TrainingRun.Data data() {
    List<SampleSource> train = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      train.add(scene(i));
    }
    return new TrainingRun.Data(
        train, List.of(scene(4), scene(5)), SampleTransforms.reference(64), SampleTransforms.resize(64));
  }

  static TrainingSettings settings(int encoderEpochs, int epochs) {
    return new TrainingSettings(encoderEpochs, epochs, 2, 2e-3, "reference", 3, 64, true, null);
  }

  private TrainingRun.Result run(Path out, TrainingSettings s, boolean resume, int stopAfter)
      throws IOException {
    int[] seen = {0};
    return TrainingRun.of(s, out, Device.cpu(), quiet(), 0)
        .afterCheckpoint(
            r -> {
              if (++seen[0] == stopAfter) {
                throw new Killed();
              }
            })
        .run(data(), resume);
  }

  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static PrintWriter quiet() {
    return new PrintWriter(new StringWriter());
  }

  @Test
  void aResumedRunEndsWithExactlyTheWeightsOfAnUninterruptedOne() throws IOException {
    TrainingSettings s = settings(1, 2);
    Path whole = dir.resolve("whole");
    Path resumed = dir.resolve("resumed");
    run(whole, s, false, -1);
    // Killed after the encoder phase, then stopped as asked after the first full epoch: both
    // boundaries resume.
    assertThrows(Killed.class, () -> run(resumed, s, false, 1));
    TrainingRun.Result stopped =
        TrainingRun.of(s, resumed, Device.cpu(), quiet(), 0).stopAfter(1).run(data(), true);
    assertTrue(stopped.stopped());
    assertEquals(2, stopped.history().size());
    TrainingRun.Result r = run(resumed, s, true, -1);

    TrainingCheckpoint a = TrainingCheckpoint.read(whole.resolve(TrainingRun.CHECKPOINT));
    TrainingCheckpoint b = TrainingCheckpoint.read(resumed.resolve(TrainingRun.CHECKPOINT));
    assertEquals(3, r.history().size());
    assertEquals(withoutTimes(a.state().history()), withoutTimes(b.state().history()));
    assertSameTensors(a.model(), b.model());
    assertSameTensors(a.optimizer(), b.optimizer());
  }

  /** What an epoch computed, without how long it took. */
  private static List<String> withoutTimes(List<EpochRecord> history) {
    return history.stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.phase(),
                    Integer.toString(r.epoch()),
                    Double.toString(r.learningRate()),
                    Double.toString(r.trainLoss()),
                    String.valueOf(r.validationLoss()),
                    String.valueOf(r.validationMeanIou())))
        .toList();
  }

  private static void assertSameTensors(StateDict a, StateDict b) {
    assertEquals(a.keys(), b.keys());
    for (String key : a.keys()) {
      assertArrayEquals(a.get(key).toFloats(), b.get(key).toFloats(), 0f, key);
    }
  }

  @Test
  void trainingLowersTheLossAndWritesModelsCheckpointAndReport() throws IOException {
    Path out = dir.resolve("run");
    TrainingRun.Result r = run(out, settings(0, 4), false, -1);
    List<EpochRecord> h = r.history();
    assertTrue(h.get(3).trainLoss() < h.get(0).trainLoss() * 0.9, h.toString());
    assertTrue(Files.isRegularFile(out.resolve("report/loss.svg")));
    assertTrue(Files.readString(out.resolve("report/miou.svg")).contains("<polyline"));
    assertEquals(5, Files.readAllLines(out.resolve("report/history.tsv")).size());
    assertEquals("lednet", ModelFiles.describe(out.resolve(TrainingRun.BEST)).architecture());
    assertEquals(64, ModelFiles.describe(out.resolve(TrainingRun.LAST)).inputHeight());
  }

  @Test
  void aCorruptCheckpointIsAnErrorNamingTheFile() throws IOException {
    Path out = dir.resolve("corrupt");
    Files.createDirectories(out);
    Path file = out.resolve(TrainingRun.CHECKPOINT);
    run(out, settings(0, 1), false, -1);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    WeightsFileException e =
        assertThrows(WeightsFileException.class, () -> run(out, settings(0, 1), true, -1));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void resumingWithOtherSettingsSaysWhichDiffer() throws IOException {
    Path out = dir.resolve("settings");
    assertThrows(Killed.class, () -> run(out, settings(0, 2), false, 1));
    IOException e = assertThrows(IOException.class, () -> run(out, settings(0, 3), true, -1));
    assertTrue(e.getMessage().contains("epochs was 2, now 3"), e.getMessage());
  }

  @Test
  void withoutValidationTheBestModelIsTheLowestTrainingLoss() throws IOException {
    Path out = dir.resolve("novalidation");
    TrainingRun.Data d = data();
    TrainingRun.Result r =
        TrainingRun.of(settings(0, 1), out, Device.cpu(), quiet(), 0)
            .run(new TrainingRun.Data(d.train(), List.of(), d.trainTransform(), d.validationTransform()), false);
    assertEquals(1, r.bestEpoch());
    assertEquals(-r.history().get(0).trainLoss(), r.bestScore());
    assertEquals(out.resolve(TrainingRun.BEST), r.bestModel());
    assertTrue(Files.isDirectory(out.resolve(TrainingRun.BEST)));
  }

  @Test
  void theFullNetworkRefusesBatchesOfOneWithAReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TrainingSettings(0, 1, 1, 5e-4, "reference", 1, 64, true, null));
    assertTrue(e.getMessage().contains("--batch-size 2"), e.getMessage());
    assertEquals(1, new TrainingSettings(1, 0, 1, 5e-4, "reference", 1, 64, true, null).batchSize());
  }

  @Test
  void aNewRunRefusesToOverwriteAnotherRunsCheckpoint() throws IOException {
    Path out = dir.resolve("twice");
    run(out, settings(0, 1), false, -1);
    IOException e = assertThrows(IOException.class, () -> run(out, settings(0, 1), false, -1));
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
  }
}

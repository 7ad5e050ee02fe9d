package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.stages.evaluate.IdSpace;
import dev.lednet.stages.evaluate.SyntheticEvaluationData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lednet evaluate} on the DirectRunner and on an embedded FlinkRunner gives the same
 * results document, byte for byte: the confusion combine is exact whatever the engine and its
 * bundling, iIoU sums included.
 */
class EvaluateOnFlinkTest {

  @TempDir Path tmp;

  @Test
  void directRunnerAndFlinkRunnerWriteTheSameResults() throws IOException {
    String dataset = tmp.resolve("cityscapes").toString();
    String predictions = tmp.resolve("predictions").toString();
    SyntheticEvaluationData data = SyntheticEvaluationData.of(256, 128).withSeed(3);
    for (long i = 0; i < 6; i++) {
      data.write(i, dataset, predictions, IdSpace.LABEL_IDS);
    }
    Path direct = tmp.resolve("direct.json");
    Path flink = tmp.resolve("flink.json");

    LednetRun onDirect =
        LednetRun.of(
            "evaluate", "--dataset=" + dataset, "--predictions=" + predictions, "--output=" + direct);
    LednetRun onFlink =
        LednetRun.of(
            "evaluate",
            "--dataset=" + dataset,
            "--predictions=" + predictions,
            "--output=" + flink,
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2");

    assertEquals(0, onDirect.exitCode(), onDirect.out() + onDirect.err());
    assertEquals(0, onFlink.exitCode(), onFlink.out() + onFlink.err());
    assertEquals(Files.readString(direct), Files.readString(flink));
  }
}

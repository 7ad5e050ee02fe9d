package dev.lednet.runners.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The class path the launcher runs DataflowRunner jobs with, and that the DataflowRunner stages to
 * every worker, as Maven resolved it for {@code runners/dataflow/target/lib}: the runner and DJL's
 * JNI bridge, but none of the local engines (Flink, Spark) and no CPU libtorch, 450 MB that GPU
 * workers must not download.
 */
class DataflowClassPathTest {

  /** {@code group:artifact:type[:classifier]:version:scope}, as {@code dependency:list} writes them. */
  private static List<String> resolved() throws IOException {
    Path file = Path.of(System.getProperty("dataflow.classpath.file"));
    return Files.readAllLines(file).stream()
        .map(String::trim)
        .filter(line -> line.split(":").length >= 5)
        .map(line -> line.split(" ")[0])
        .collect(Collectors.toList());
  }

  private static boolean has(List<String> artifacts, String groupAndArtifact) {
    return artifacts.stream().anyMatch(a -> a.startsWith(groupAndArtifact + ":"));
  }

  @Test
  void carriesTheDataflowRunnerGcsAndDjlsJniBridge() throws IOException {
    List<String> artifacts = resolved();
    assertTrue(artifacts.size() > 50, artifacts.toString());
    for (String needed :
        List.of(
            "org.apache.beam:beam-runners-google-cloud-dataflow-java",
            "org.apache.beam:beam-sdks-java-extensions-google-cloud-platform-core",
            "ai.djl.pytorch:pytorch-engine",
            "ai.djl.pytorch:pytorch-jni",
            "org.slf4j:slf4j-jdk14")) {
      assertTrue(has(artifacts, needed), needed + " missing from " + artifacts);
    }
  }

  @Test
  void leavesOutFlinkSparkAndEveryLibtorchJar() throws IOException {
    List<String> unwanted =
        resolved().stream()
            .filter(
                a ->
                    a.startsWith("org.apache.flink:")
                        || a.startsWith("org.apache.spark:")
                        || a.startsWith("org.scala-lang:")
                        || a.contains(":beam-runners-flink")
                        || a.contains(":beam-runners-spark")
                        || a.contains(":pytorch-native-")
                        || a.startsWith("org.slf4j:slf4j-simple:"))
            .toList();
    assertEquals(List.of(), unwanted);
  }

  @Test
  void everyBeamArtifactIsOneVersion() throws IOException {
    List<String> versions =
        resolved().stream()
            .filter(a -> a.startsWith("org.apache.beam:beam-") && !a.contains(":beam-vendor-"))
            .map(a -> a.split(":")[3])
            .distinct()
            .toList();
    assertEquals(List.of(System.getProperty("beam.version")), versions);
  }
}

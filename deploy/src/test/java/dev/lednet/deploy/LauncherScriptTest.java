package dev.lednet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lednet} launcher picks the class path from the runner: the script runs for real in
 * a copy of the tree whose {@code java} only prints what it was given.
 */
class LauncherScriptTest {

  @TempDir Path tree;

  private record Launch(int code, List<String> java, String err) {
    String classPath() {
      return java.get(java.indexOf("-cp") + 1);
    }
  }

  @BeforeEach
  void copyTheLauncherBesideEveryClassPath() throws IOException {
    Files.copy(WorkerDockerfileTest.ROOT.resolve("lednet"), tree.resolve("lednet"));
    for (String lib : List.of("runners/target/lib", "runners/spark/target/lib", "runners/dataflow/target/lib")) {
      Files.createDirectories(tree.resolve(lib));
    }
    Path bin = Files.createDirectories(tree.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java, "#!/usr/bin/env bash\necho \"SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-}\"\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Launch launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", tree.resolve("lednet").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", tree.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
    builder.environment().remove("LEDNET_PROFILE");
    builder.environment().remove("SPARK_LOCAL_IP");
    builder.environment().putAll(env);
    Path err = tree.resolve("err.txt");
    builder.redirectError(err.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return new Launch(process.exitValue(), out.lines().toList(), Files.readString(err));
  }

  private String lib(String dir) {
    return tree.resolve(dir) + "/*";
  }

  @Test
  void directAndFlinkRunOnTheDefaultClassPath() throws Exception {
    Launch direct = launch(Map.of(), "demo");
    assertEquals(0, direct.code(), direct.err());
    assertEquals(lib("runners/target/lib"), direct.classPath());
    assertTrue(direct.java().contains("-Dai.djl.offline=true"));
    assertEquals("dev.lednet.pipelines.Lednet", direct.java().get(direct.java().size() - 2));
    Launch flink = launch(Map.of(), "prepare", "--runner=FlinkRunner", "--flinkMaster=[local]");
    assertEquals(lib("runners/target/lib"), flink.classPath());
  }

  @Test
  void sparkRunsOnItsClassPathWithTheJdkOpenedAndALoopbackDriverInLocalMode() throws Exception {
    Launch local = launch(Map.of(), "prepare", "--runner=SparkRunner", "--sparkMaster=local[2]");
    assertEquals(lib("runners/spark/target/lib"), local.classPath());
    assertTrue(local.java().contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), local.java().toString());
    assertEquals(13, local.java().stream().filter(a -> a.startsWith("--add-opens=")).count());
    assertEquals("SPARK_LOCAL_IP=127.0.0.1", local.java().get(0));
    Launch cluster = launch(Map.of(), "prepare", "--runner=sparkrunner", "--sparkMaster=spark://master:7077");
    assertEquals(lib("runners/spark/target/lib"), cluster.classPath());
    assertEquals("SPARK_LOCAL_IP=", cluster.java().get(0));
  }

  @Test
  void dataflowRunsOnTheClassPathWithoutLocalEngines() throws Exception {
    for (String runner : List.of("DataflowRunner", "org.apache.beam.runners.dataflow.DataflowRunner", "dataflowrunner")) {
      Launch run = launch(Map.of(), "infer", "--runner=" + runner, "--dry-run");
      assertEquals(lib("runners/dataflow/target/lib"), run.classPath(), runner);
      assertFalse(run.java().stream().anyMatch(a -> a.startsWith("--add-opens")));
    }
  }

  @Test
  void lednetProfileOverridesTheRunnerAndAMissingClassPathSaysHowToBuildIt() throws Exception {
    Launch forced = launch(Map.of("LEDNET_PROFILE", "local"), "infer", "--runner=DataflowRunner");
    assertEquals(lib("runners/target/lib"), forced.classPath());
    deleteTree(tree.resolve("runners/dataflow"));
    Launch missing = launch(Map.of(), "infer", "--runner=DataflowRunner");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("mvn -B -q -Pdataflow -DskipTests package"), missing.err());
    Launch bad = launch(Map.of("LEDNET_PROFILE", "gpu"), "infer");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("LEDNET_PROFILE must be local, spark or dataflow"), bad.err());
  }

  /** shellcheck is no build dependency: where it is installed (apt-get install shellcheck), it runs. */
  @Test
  void shellcheckFindsNothingInTheProjectsScripts() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed");
    Path root = WorkerDockerfileTest.ROOT;
    ProcessBuilder builder =
        new ProcessBuilder(
                "shellcheck", root.resolve("lednet").toString(), root.resolve(".ci/run").toString(),
                root.resolve("deploy/parse-terraform.sh").toString())
            .redirectErrorStream(true);
    Process process = builder.start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), report);
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

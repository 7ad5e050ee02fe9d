package dev.lednet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dataflow GPU worker image (runners/dataflow/Dockerfile) cannot be built here (no Docker
 * engine), so its promises are checked on the file: the versions are the pom's, the CUDA flavour
 * is one pytorch-jni ships a JNI library for, DJL is pointed at the image's libtorch offline with
 * its cache where DJL looks, Beam's boot is the entrypoint, and hadolint-style rules hold.
 */
class WorkerDockerfileTest {

  static final Path ROOT = Path.of(System.getProperty("lednet.root", "..")).toAbsolutePath().normalize();

  private static Dockerfile dockerfile;
  private static Map<String, String> args;

  @BeforeAll
  static void read() throws IOException {
    dockerfile = Dockerfile.read(ROOT.resolve("runners/dataflow/Dockerfile"));
    args = dockerfile.globalArgs();
  }

  @Test
  void versionsAreThePoms() {
    assertEquals(System.getProperty("beam.version"), args.get("BEAM_VERSION"));
    assertEquals(System.getProperty("djl.version"), args.get("DJL_VERSION"));
    assertEquals(System.getProperty("libtorch.version"), args.get("LIBTORCH_VERSION"));
    String java = System.getProperty("java.release");
    assertTrue(args.get("JAVA_IMAGE_TAG").startsWith(java + "-"), args.get("JAVA_IMAGE_TAG"));
    assertEquals(
        "apache/beam_java" + java + "_sdk:${BEAM_VERSION} AS beam", dockerfile.all("FROM").get(0).arguments());
  }

  @Test
  void cudaFlavourIsOneThatPytorchJniCarriesAndTheBaseImagesCuda() throws IOException {
    String flavor = args.get("CUDA_FLAVOR");
    assertNotNull(
        getClass().getResource("/jnilib/linux-x86_64/" + flavor + "/libdjl_torch.so"),
        "pytorch-jni has no JNI library for " + flavor);
    Properties jni = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/jnilib/pytorch.properties")) {
      jni.load(in);
    }
    assertEquals(args.get("LIBTORCH_VERSION") + "-" + args.get("DJL_VERSION"), jni.getProperty("jni_version"));
    Matcher cuda = Pattern.compile("^(\\d+)\\.(\\d+)\\.\\d+-base-").matcher(args.get("CUDA_IMAGE_TAG"));
    assertTrue(cuda.find(), args.get("CUDA_IMAGE_TAG"));
    assertEquals("cu" + cuda.group(1) + cuda.group(2), flavor);
  }

  @Test
  void libtorchIsTheOfficialCxx11AbiBuildOfThatVersionAndFlavour() {
    String download =
        dockerfile.all("RUN").stream()
            .map(Dockerfile.Instruction::arguments)
            .filter(r -> r.contains("download.pytorch.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        dockerfile.substitute(download).contains(
            "https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip"),
        download);
  }

  @Test
  void djlTakesTheImagesLibtorchOfflineAndFindsItsJniLibraryInTheFilledCache() {
    Map<String, String> env = dockerfile.env(dockerfile.lastStage());
    assertEquals("/opt/libtorch/lib", env.get("PYTORCH_LIBRARY_PATH"));
    assertEquals("${LIBTORCH_VERSION}", env.get("PYTORCH_VERSION"));
    assertEquals("${CUDA_FLAVOR}", env.get("PYTORCH_FLAVOR"));
    assertEquals("true", env.get("DJL_OFFLINE"));
    String cache = env.get("DJL_CACHE_DIR");
    // DJL's layout: <cache>/pytorch/<version>-<flavor>-<classifier>/<djl version>-libdjl_torch.so
    String jni = cache + "/pytorch/${LIBTORCH_VERSION}-${CUDA_FLAVOR}-linux-x86_64/${DJL_VERSION}-libdjl_torch.so";
    assertTrue(
        dockerfile.inStage(dockerfile.lastStage()).stream().anyMatch(i -> i.arguments().contains("test -f \"" + jni + "\"")),
        "the image build checks that the cache holds " + jni);
    assertTrue(
        dockerfile.all("COPY").stream().anyMatch(c -> c.arguments().equals("--from=libtorch /opt/libtorch /opt/libtorch")));
  }

  @Test
  void beamsBootIsTheEntrypointAndTheDataflowClassPathIsInTheImage() {
    int last = dockerfile.lastStage();
    List<String> copies =
        dockerfile.inStage(last).stream().filter(i -> i.keyword().equals("COPY")).map(Dockerfile.Instruction::arguments).toList();
    assertTrue(copies.contains("--from=beam /opt/apache/beam /opt/apache/beam"), copies.toString());
    assertTrue(copies.contains("target/lib /opt/lednet/lib"), copies.toString());
    assertEquals("[\"/opt/apache/beam/boot\"]", dockerfile.last("ENTRYPOINT").orElseThrow().arguments());
    assertEquals(last, dockerfile.last("ENTRYPOINT").orElseThrow().stage());
    assertTrue(dockerfile.all("CMD").isEmpty());
  }

  /** The RUN that writes Beam's meta-option, run by bash on a stand-in lib directory. */
  @Test
  void theMetaOptionPutsTheImagesJarsOnTheHarnessClassPathAsJsonBootReads(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path lib = Files.createDirectories(dir.resolve("opt/lednet/lib"));
    Files.write(lib.resolve("b-1.0.jar"), new byte[0]);
    Files.write(lib.resolve("a-2.0.jar"), new byte[0]);
    String run =
        dockerfile.all("RUN").stream()
            .map(Dockerfile.Instruction::arguments)
            .filter(r -> r.contains("option-lednet.json"))
            .findFirst()
            .orElseThrow()
            .replace("/opt/", dir + "/opt/");
    Process bash = new ProcessBuilder("bash", "-o", "pipefail", "-c", run).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, bash.waitFor(), output);
    com.fasterxml.jackson.databind.JsonNode option =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("opt/apache/beam/options/option-lednet.json").toFile());
    // The fields of boot.go's MetaOption: name, enabled, priority, options{properties, classpath}.
    assertTrue(option.path("enabled").asBoolean());
    assertEquals("true", option.path("options").path("properties").path("ai.djl.offline").asText());
    assertEquals(
        "[\"" + lib.resolve("a-2.0.jar") + "\",\"" + lib.resolve("b-1.0.jar") + "\"]",
        option.path("options").path("classpath").toString());
  }

  /** The rules of hadolint that apply here (its DL numbers), checked without hadolint. */
  @Test
  void hadolintStyleRulesHold() {
    assertEquals(List.of(), lint(dockerfile));
  }

  @Test
  void theLintRulesCatchWhatTheyAreFor(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("Dockerfile");
    Files.write(
        bad,
        List.of(
            "ARG V=1",
            "FROM debian",
            "ADD x /x",
            "RUN cd /x && apt-get install curl",
            "RUN echo ${V} | cat",
            "ENTRYPOINT /boot"));
    assertEquals(
        List.of(
            "DL3006/DL3007 untagged or latest image: debian",
            "DL3020 ADD instead of COPY",
            "DL3014/DL3015 apt-get install without -y --no-install-recommends: cd /x && apt-get install curl",
            "DL3009 apt lists left in the layer: cd /x && apt-get install curl",
            "DL3003 cd in RUN (use WORKDIR): cd /x && apt-get install curl",
            "DL4006 a pipe without SHELL [..., -o, pipefail, ...]: echo ${V} | cat",
            "ARG V used in stage 0 without being declared there",
            "DL3025 ENTRYPOINT not in JSON form"),
        lint(Dockerfile.read(bad)));
  }

  static List<String> lint(Dockerfile file) {
    List<String> problems = new ArrayList<>();
    for (Dockerfile.Instruction from : file.all("FROM")) {
      String image = file.substitute(from.arguments().split("\\s+")[0]);
      if (!image.contains(":") || image.endsWith(":latest")) {
        problems.add("DL3006/DL3007 untagged or latest image: " + image);
      }
    }
    if (!file.all("ADD").isEmpty()) {
      problems.add("DL3020 ADD instead of COPY");
    }
    for (Dockerfile.Instruction run : file.all("RUN")) {
      String command = run.arguments();
      if (command.contains("apt-get install")
          && !(command.contains(" -y") && command.contains("--no-install-recommends"))) {
        problems.add("DL3014/DL3015 apt-get install without -y --no-install-recommends: " + command);
      }
      if (command.contains("apt-get install") && !command.contains("rm -rf /var/lib/apt/lists/*")) {
        problems.add("DL3009 apt lists left in the layer: " + command);
      }
      if (command.matches("(^|.*[;&|]\\s*)cd\\s.*")) {
        problems.add("DL3003 cd in RUN (use WORKDIR): " + command);
      }
      if (command.contains("sudo ")) {
        problems.add("DL3004 sudo: " + command);
      }
      if (command.matches(".*[^|]\\|[^|].*") && !pipefailBefore(file, run)) {
        problems.add("DL4006 a pipe without SHELL [..., -o, pipefail, ...]: " + command);
      }
      Matcher used = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(command);
      Set<String> reported = new TreeSet<>();
      while (used.find()) {
        String arg = used.group(1);
        if (file.globalArgs().containsKey(arg)
            && !declaredIn(file, run.stage(), arg)
            && !file.env(run.stage()).containsKey(arg)
            && reported.add(arg)) {
          problems.add("ARG " + arg + " used in stage " + run.stage() + " without being declared there");
        }
      }
    }
    for (String keyword : List.of("ENTRYPOINT", "CMD")) {
      file.last(keyword)
          .filter(i -> !i.arguments().startsWith("["))
          .ifPresent(i -> problems.add("DL3025 " + keyword + " not in JSON form"));
    }
    return problems;
  }

  private static boolean pipefailBefore(Dockerfile file, Dockerfile.Instruction run) {
    boolean pipefail = false;
    for (Dockerfile.Instruction i : file.inStage(run.stage())) {
      if (i == run) {
        return pipefail;
      }
      if (i.keyword().equals("SHELL")) {
        pipefail = i.arguments().contains("pipefail");
      }
    }
    return false;
  }

  private static boolean declaredIn(Dockerfile file, int stage, String arg) {
    return file.inStage(stage).stream()
        .anyMatch(i -> i.keyword().equals("ARG") && i.arguments().split("=", 2)[0].equals(arg));
  }
}

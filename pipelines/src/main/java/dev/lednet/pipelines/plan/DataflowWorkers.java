package dev.lednet.pipelines.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Dataflow options of a job amount to (machine, GPUs, driver, container, scale, what gets
 * staged) and what is wrong with them, read from the options as given: a dry run needs neither
 * the Dataflow classes nor Google Cloud to say it.
 *
 * <p>The GPU comes with {@code --dataflowServiceOptions=worker_accelerator=type:T;count:N;
 * install-nvidia-driver} (older jobs passed the same string as an experiment); it attaches to N1
 * machine types (T4 and older) or to the accelerator-optimised families G2 (L4), A2 (A100), A3
 * (H100).
 */
final class DataflowWorkers {

  /** GPU families by machine family; N1 takes the older PCIe cards. */
  private static final Map<String, Set<String>> GPUS_BY_MACHINE_FAMILY =
      Map.of(
          "n1", Set.of("nvidia-tesla-t4", "nvidia-tesla-p4", "nvidia-tesla-v100", "nvidia-tesla-p100"),
          "g2", Set.of("nvidia-l4"),
          "a2", Set.of("nvidia-tesla-a100", "nvidia-a100-80gb"),
          "a3", Set.of("nvidia-h100-80gb", "nvidia-h100-mega-80gb"));

  /** Cards older than compute capability 7.5, for which CUDA 12.8 builds of libtorch 2.7 carry no kernels. */
  private static final Set<String> TOO_OLD_FOR_CU128 =
      Set.of("nvidia-tesla-p4", "nvidia-tesla-v100", "nvidia-tesla-p100", "nvidia-tesla-k80");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> given;
  private final Optional<String> accelerator;

  private DataflowWorkers(Map<String, String> given) {
    this.given = given;
    this.accelerator =
        list("dataflowServiceOptions").stream()
            .filter(o -> o.startsWith("worker_accelerator="))
            .findFirst()
            .or(() -> list("experiments").stream().filter(o -> o.startsWith("worker_accelerator=")).findFirst())
            .map(o -> o.substring("worker_accelerator=".length()));
  }

  /** The options as {@link DryRunRunner#givenOptions} lists them. */
  static DataflowWorkers of(Map<String, String> given) {
    return new DataflowWorkers(given);
  }

  List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "project "
            + value("project").orElse("(unset)")
            + ", region "
            + value("region").orElse("(unset)")
            + ", temp files under "
            + value("tempLocation").orElse("(unset)")
            + ", staged files under "
            + value("stagingLocation").orElse(value("tempLocation").map(t -> t + "/staging").orElse("(unset)")));
    String machine = value("workerMachineType").orElse("Dataflow's default machine type");
    lines.add(
        "machine "
            + machine
            + accelerator
                .map(a -> ", " + acceleratorCount(a) + " x " + acceleratorType(a).orElse("(no type)")
                    + " per worker, NVIDIA driver "
                    + (a.contains("install-nvidia-driver") ? "installed by Dataflow" : "NOT installed"))
                .orElse(", no GPU"));
    lines.add("container " + value("sdkContainerImage").orElse("the default Beam Java SDK image (no CUDA libtorch)"));
    lines.add(
        "workers up to "
            + value("maxNumWorkers").orElse("Dataflow's default maximum")
            + value("numWorkers").map(n -> " (starting with " + n + ")").orElse("")
            + ", boot disk "
            + value("diskSizeGb").map(d -> d + " GB").orElse("of Dataflow's default size")
            + ", service account "
            + value("serviceAccount").orElse("the Compute Engine default"));
    lines.add("staged to every worker: " + staged());
    return lines;
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (String required : List.of("project", "region", "tempLocation")) {
      if (value(required).isEmpty()) {
        problems.add("--" + required + " is required by the DataflowRunner");
      }
    }
    value("tempLocation")
        .filter(t -> !t.startsWith("gs://"))
        .ifPresent(t -> problems.add("--tempLocation must be a gs:// path, not " + t));
    if (accelerator.isEmpty()) {
      return problems;
    }
    String spec = accelerator.get();
    Optional<String> type = acceleratorType(spec);
    if (type.isEmpty()) {
      problems.add("worker_accelerator has no type: (e.g. type:nvidia-l4)");
    }
    if (!spec.contains("install-nvidia-driver")) {
      problems.add("worker_accelerator without install-nvidia-driver: workers get a GPU but no driver");
    }
    if (value("sdkContainerImage").isEmpty()) {
      problems.add(
          "a GPU without --sdkContainerImage: the default Beam image has no CUDA libtorch"
              + " (build runners/dataflow/Dockerfile and pass its image)");
    }
    Optional<String> machine = value("workerMachineType");
    if (machine.isEmpty()) {
      problems.add("a GPU without --workerMachineType (e.g. g2-standard-4 for an L4, n1-standard-8 for a T4)");
    }
    if (type.isPresent() && machine.isPresent()) {
      String family = machine.get().split("-", 2)[0].toLowerCase(Locale.ROOT);
      Set<String> fits = GPUS_BY_MACHINE_FAMILY.get(family);
      if (fits == null) {
        problems.add(machine.get() + " takes no GPU: use an N1, G2, A2 or A3 machine type");
      } else if (!fits.contains(type.get())) {
        problems.add(machine.get() + " does not take " + type.get() + " (it takes " + String.join(", ", fits.stream().sorted().toList()) + ")");
      }
    }
    if (type.isPresent() && TOO_OLD_FOR_CU128.contains(type.get())) {
      problems.add(
          type.get() + " is older than compute capability 7.5: the worker image's libtorch 2.7.1"
              + " for CUDA 12.8 has no kernels for it (use nvidia-tesla-t4 or nvidia-l4)");
    }
    return problems;
  }

  private String staged() {
    List<String> files = list("filesToStage");
    if (files.isEmpty()) {
      files = List.of(System.getProperty("java.class.path", "").split(File.pathSeparator));
    }
    long bytes = 0;
    List<String> unwanted = new ArrayList<>();
    for (String file : files) {
      File f = new File(file);
      bytes += f.isFile() ? f.length() : 0;
      String name = f.getName();
      if (name.startsWith("flink-") || name.contains("runners-flink") || name.startsWith("spark-")
          || name.contains("runners-spark") || name.startsWith("pytorch-native-cpu")) {
        unwanted.add(name);
      }
    }
    String what = files.size() + " files, " + (bytes >> 20) + " MiB";
    return unwanted.isEmpty()
        ? what + "; no Flink, Spark or CPU libtorch jar"
        : what + " INCLUDING " + unwanted.size() + " Flink/Spark/CPU libtorch jars (" + unwanted.get(0)
            + ", ...): launch with the Dataflow class path (runners/dataflow/target/lib)";
  }

  private static Optional<String> acceleratorType(String spec) {
    for (String part : spec.split(";")) {
      if (part.startsWith("type:")) {
        return Optional.of(part.substring("type:".length()));
      }
    }
    return Optional.empty();
  }

  private static String acceleratorCount(String spec) {
    for (String part : spec.split(";")) {
      if (part.startsWith("count:")) {
        return part.substring("count:".length());
      }
    }
    return "1";
  }

  private Optional<String> value(String name) {
    return Optional.ofNullable(given.get(name)).filter(v -> !v.isEmpty() && !"null".equals(v));
  }

  /** A list option's entries; a plain string counts as one entry. */
  private List<String> list(String name) {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return List.of();
    }
    try {
      JsonNode node = JSON.readTree(raw.get());
      if (node != null && node.isArray()) {
        List<String> entries = new ArrayList<>();
        node.forEach(e -> entries.add(e.asText()));
        return entries;
      }
    } catch (IOException e) {
      // not JSON: a single value
    }
    return List.of(raw.get());
  }
}

package dev.lednet.pipelines.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What a dry run says of Dataflow worker options, from the options as the job carries them. */
class DataflowWorkersTest {

  private static Map<String, String> l4Job() {
    Map<String, String> given = new TreeMap<>();
    given.put("project", "my-project");
    given.put("region", "us-central1");
    given.put("tempLocation", "gs://my-bucket/temp");
    given.put("workerMachineType", "g2-standard-4");
    given.put("dataflowServiceOptions", "[\"worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver\"]");
    given.put("sdkContainerImage", "us-central1-docker.pkg.dev/my-project/lednet/worker:0.1.0");
    given.put("maxNumWorkers", "4");
    given.put("diskSizeGb", "50");
    given.put("serviceAccount", "lednet-worker@my-project.iam.gserviceaccount.com");
    return given;
  }

  @Test
  void anL4OnAG2MachineWithTheWorkerImageIsSummarisedWithoutWarnings() {
    DataflowWorkers workers = DataflowWorkers.of(l4Job());
    assertEquals(List.of(), workers.problems());
    List<String> summary = workers.summary();
    assertEquals(
        "project my-project, region us-central1, temp files under gs://my-bucket/temp,"
            + " staged files under gs://my-bucket/temp/staging",
        summary.get(0));
    assertEquals(
        "machine g2-standard-4, 1 x nvidia-l4 per worker, NVIDIA driver installed by Dataflow", summary.get(1));
    assertEquals("container us-central1-docker.pkg.dev/my-project/lednet/worker:0.1.0", summary.get(2));
    assertEquals(
        "workers up to 4, boot disk 50 GB, service account lednet-worker@my-project.iam.gserviceaccount.com",
        summary.get(3));
  }

  @Test
  void aT4NeedsAnN1MachineAndEveryGpuNeedsTheDriverAndTheImage() {
    Map<String, String> given = l4Job();
    given.put("dataflowServiceOptions", "[\"worker_accelerator=type:nvidia-tesla-t4;count:1\"]");
    given.remove("sdkContainerImage");
    List<String> problems = DataflowWorkers.of(given).problems();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("without install-nvidia-driver"), problems.get(0));
    assertTrue(problems.get(1).contains("without --sdkContainerImage"), problems.get(1));
    assertEquals("g2-standard-4 does not take nvidia-tesla-t4 (it takes nvidia-l4)", problems.get(2));

    given.put("workerMachineType", "n1-standard-8");
    given.put("dataflowServiceOptions", "[\"worker_accelerator=type:nvidia-tesla-v100;count:1;install-nvidia-driver\"]");
    given.put("sdkContainerImage", "image");
    List<String> v100 = DataflowWorkers.of(given).problems();
    assertEquals(1, v100.size(), v100.toString());
    assertTrue(v100.get(0).startsWith("nvidia-tesla-v100 is older than compute capability 7.5"), v100.get(0));
  }

  @Test
  void requiredOptionsAndANonGpuMachineAreReported() {
    Map<String, String> given = new TreeMap<>();
    given.put("tempLocation", "/tmp/local");
    given.put("workerMachineType", "e2-standard-4");
    given.put("experiments", "[\"worker_accelerator=type:nvidia-l4;install-nvidia-driver\"]");
    given.put("sdkContainerImage", "image");
    assertEquals(
        List.of(
            "--project is required by the DataflowRunner",
            "--region is required by the DataflowRunner",
            "--tempLocation must be a gs:// path, not /tmp/local",
            "e2-standard-4 takes no GPU: use an N1, G2, A2 or A3 machine type"),
        DataflowWorkers.of(given).problems());
  }
}

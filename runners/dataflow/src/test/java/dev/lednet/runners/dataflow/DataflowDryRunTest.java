package dev.lednet.runners.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lednet.pipelines.Lednet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lednet infer --runner=DataflowRunner ... --dry-run} with the DataflowRunner on the class
 * path, as the launcher runs it: every Dataflow worker option is known to Beam (a misspelt one is
 * still an error), the GPU options are summarised, and no connection is even attempted.
 */
class DataflowDryRunTest {

  private static final String[] GPU_JOB = {
    "infer",
    "--dataset=gs://my-bucket/cityscapes",
    "--split=test",
    "--model=gs://my-bucket/models/model_best.pth",
    "--output=gs://my-bucket/results",
    "--batch-size=8",
    "--device=gpu",
    "--runner=DataflowRunner",
    "--project=my-project",
    "--region=us-central1",
    "--tempLocation=gs://my-bucket/temp",
    "--workerMachineType=g2-standard-4",
    "--dataflowServiceOptions=worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver",
    "--sdkContainerImage=us-central1-docker.pkg.dev/my-project/lednet/worker:0.1.0",
    "--experiments=use_runner_v2",
    "--diskSizeGb=50",
    "--maxNumWorkers=4",
    "--serviceAccount=lednet-worker@my-project.iam.gserviceaccount.com",
    "--dry-run"
  };

  private record Run(int code, String out, String err) {}

  private static Run lednet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Lednet.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aGpuInferJobIsDescribedWithoutContactingGoogleCloud() {
    List<URI> attempted = new ArrayList<>();
    ProxySelector previous = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            attempted.add(uri);
            throw new IllegalStateException("a dry run tried to reach " + uri);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, java.io.IOException e) {}
        });
    Run run;
    try {
      run = lednet(GPU_JOB);
    } finally {
      ProxySelector.setDefault(previous);
    }
    assertEquals(0, run.code(), run.out() + run.err());
    assertEquals(List.of(), attempted);
    String plan = run.out();
    assertTrue(plan.contains("runner: DataflowRunner\n"), plan);
    for (String option :
        List.of(
            "  --workerMachineType=g2-standard-4\n",
            "  --dataflowServiceOptions=[\"worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver\"]\n",
            "  --sdkContainerImage=us-central1-docker.pkg.dev/my-project/lednet/worker:0.1.0\n",
            "  --diskSizeGb=50\n",
            "  --maxNumWorkers=4\n",
            "  --region=us-central1\n")) {
      assertTrue(plan.contains(option), option + " in\n" + plan);
    }
    assertTrue(
        plan.contains("  machine g2-standard-4, 1 x nvidia-l4 per worker, NVIDIA driver installed by Dataflow\n"),
        plan);
    assertTrue(plan.contains("no Flink, Spark or CPU libtorch jar"), plan);
    assertFalse(plan.contains("warnings:"), plan);
    assertTrue(plan.contains("\n  Segment  [SegmentFrames]\n"), plan);
  }

  @Test
  void aMisspeltDataflowOptionIsStillAnError() {
    String[] args = GPU_JOB.clone();
    args[11] = "--workerMachinType=g2-standard-4";
    Run run = lednet(args);
    assertEquals(2, run.code(), run.out());
    assertTrue(run.err().contains("workerMachinType"), run.err());
  }
}

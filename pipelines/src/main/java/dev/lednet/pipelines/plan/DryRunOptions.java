package dev.lednet.pipelines.plan;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/** What {@link DryRunRunner} needs to know: the runner the options named before it stood in. */
@Hidden
public interface DryRunOptions extends PipelineOptions {

  @Description("The runner a dry run describes (set by lednet --dry-run, not on the command line).")
  String getPlannedRunner();

  void setPlannedRunner(String runner);
}

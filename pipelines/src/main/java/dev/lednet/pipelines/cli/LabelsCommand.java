package dev.lednet.pipelines.cli;

import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.schemas.Label;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the Cityscapes label table, as cityscapesScripts' labels.py does. */
@Command(
    name = "labels",
    mixinStandardHelpOptions = true,
    description = "Print the Cityscapes label table (ids, trainIds, categories, colours).")
public final class LabelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%21s | %3s | %7s | %14s | %10s | %12s | %12s | %s%n",
        "name", "id", "trainId", "category", "categoryId", "hasInstances", "ignoreInEval", "color");
    out.println("-".repeat(112));
    for (Label label : CityscapesLabels.all()) {
      out.printf(
          "%21s | %3d | %7d | %14s | %10d | %12s | %12s | (%d,%d,%d)%n",
          label.name(),
          label.id(),
          label.trainId(),
          label.category(),
          label.categoryId(),
          label.hasInstances() ? "True" : "False",
          label.ignoreInEval() ? "True" : "False",
          label.color().red(),
          label.color().green(),
          label.color().blue());
    }
    out.flush();
    return 0;
  }
}

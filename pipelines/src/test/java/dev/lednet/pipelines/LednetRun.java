package dev.lednet.pipelines;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code lednet} command line in-process, with what it printed. */
public record LednetRun(int exitCode, String out, String err) {

  /** Runs {@code lednet args...} and captures its exit code, standard output and standard error. */
  public static LednetRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Lednet.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new LednetRun(code, out.toString(), err.toString());
  }
}

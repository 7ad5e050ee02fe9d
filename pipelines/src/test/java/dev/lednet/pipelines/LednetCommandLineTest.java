package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LednetCommandLineTest {

  record Run(int exitCode, String out, String err) {}

  static Run lednet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Lednet.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEverySubcommand() {
    Run run = lednet("--help");
    assertEquals(0, run.exitCode());
    for (String subcommand : Lednet.commandLine().getSubcommands().keySet()) {
      assertTrue(run.out().contains("  " + subcommand), subcommand + " missing from:\n" + run.out());
    }
    assertTrue(run.out().contains("--runner=FlinkRunner"), run.out());
  }

  @Test
  void noSubcommandIsAUsageError() {
    Run run = lednet();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Missing subcommand"), run.err());
    assertTrue(run.err().contains("Usage: lednet"), run.err());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Run run = lednet("frobnicate");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("frobnicate"), run.err());
  }

  @Test
  void labelsPrintsTheOfficialTable() {
    Run run = lednet("labels");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out().contains("                  car |  26 |      13 |        vehicle |          7 |         True |        False | (0,0,142)"),
        run.out());
    assertEquals(35 + 2, run.out().lines().count());
  }
}

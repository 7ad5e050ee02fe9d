package dev.lednet.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LednetCommandLineTest {

  private static LednetRun lednet(String... args) {
    return LednetRun.of(args);
  }

  @Test
  void helpListsEverySubcommand() {
    LednetRun run = lednet("--help");
    assertEquals(0, run.exitCode());
    for (String subcommand : Lednet.commandLine().getSubcommands().keySet()) {
      assertTrue(run.out().contains("  " + subcommand), subcommand + " missing from:\n" + run.out());
    }
    assertTrue(run.out().contains("--runner=FlinkRunner"), run.out());
  }

  @Test
  void noSubcommandIsAUsageError() {
    LednetRun run = lednet();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Missing subcommand"), run.err());
    assertTrue(run.err().contains("Usage: lednet"), run.err());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    LednetRun run = lednet("frobnicate");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("frobnicate"), run.err());
  }

  @Test
  void labelsPrintsTheOfficialTable() {
    LednetRun run = lednet("labels");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out().contains("                  car |  26 |      13 |        vehicle |          7 |         True |        False | (0,0,142)"),
        run.out());
    assertEquals(35 + 2, run.out().lines().count());
  }
}

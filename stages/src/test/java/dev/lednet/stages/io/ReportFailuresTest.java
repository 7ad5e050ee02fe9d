package dev.lednet.stages.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.schemas.Failure;
import org.junit.jupiter.api.Test;

class ReportFailuresTest {

  @Test
  void aFailureIsOneJsonLineThatReadsBack() throws Exception {
    Failure failure =
        Failure.create("ulm_000000_000019", "gs://b/ulm \"x\".png", "MatchPredictions", "no prediction");

    String line = ReportFailures.jsonLine(failure);

    assertEquals(
        "{\"frameId\":\"ulm_000000_000019\",\"file\":\"gs://b/ulm \\\"x\\\".png\","
            + "\"stage\":\"MatchPredictions\",\"reason\":\"no prediction\"}",
        line);
    assertEquals(failure, ReportFailures.fromJsonLine(line));
  }
}

package io.meshlake.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run behaves.
 *
 * @param input the extract folder bronze ingests read
 * @param fullRefresh rebuild the selected tables from all their input instead of only what is new
 * @param splitBytes ingest reads files in parallel byte ranges of this size
 * @param asOf the run's logical time, against which freshness rules measure the data's age (an
 *     orchestrator passes its logical date); empty means the time the run starts
 */
public record RunOptions(String input, boolean fullRefresh, long splitBytes, Optional<Instant> asOf) {
  public RunOptions {
    Objects.requireNonNull(input, "input");
    asOf = Objects.requireNonNull(asOf, "asOf");
    if (splitBytes < 1024) {
      throw new IllegalArgumentException("splitBytes must be at least 1024, got " + splitBytes);
    }
  }
}

package io.meshlake.run;

import java.util.Objects;

/**
 * How a run behaves.
 *
 * @param input the extract folder bronze ingests read
 * @param fullRefresh rebuild the selected tables from all their input instead of only what is new
 * @param splitBytes ingest reads files in parallel byte ranges of this size
 */
public record RunOptions(String input, boolean fullRefresh, long splitBytes) {
  public RunOptions {
    Objects.requireNonNull(input, "input");
    if (splitBytes < 1024) {
      throw new IllegalArgumentException("splitBytes must be at least 1024, got " + splitBytes);
    }
  }
}

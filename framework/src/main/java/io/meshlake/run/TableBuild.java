package io.meshlake.run;

import io.meshlake.api.TableId;
import io.meshlake.ingest.IngestedFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run log's record of one table build: what it read (input versions), what it wrote (output
 * version and row counts), and for ingest, what happened to each file.
 */
public record TableBuild(
    String runId,
    TableId table,
    BuildStatus status,
    Instant startedAt,
    Instant endedAt,
    long rowsIn,
    long rowsOut,
    long rowsQuarantined,
    Map<String, Long> inputVersions,
    Optional<Long> outputVersion,
    List<IngestedFile> files,
    String message) {

  public TableBuild {
    inputVersions = Map.copyOf(inputVersions);
    files = List.copyOf(files);
    message = message == null ? "" : message;
  }

  /** How long the build took. */
  public Duration elapsed() {
    return Duration.between(startedAt, endedAt);
  }
}

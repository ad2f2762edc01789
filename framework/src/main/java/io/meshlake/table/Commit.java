package io.meshlake.table;

import java.util.Map;

/**
 * A commit of a table: the version it created, its operation and metrics under Delta's names (Delta's own
 * {@code commitInfo}; for Iceberg, see {@link IcebergTableStore}), and the user metadata the writer
 * attached (empty when none).
 */
public record Commit(long version, String operation, Map<String, String> metrics, String userMetadata) {
  public Commit {
    metrics = Map.copyOf(metrics);
    userMetadata = userMetadata == null ? "" : userMetadata;
  }

  /** A metric as a number, 0 when the commit did not report it. */
  public long metric(String name) {
    String value = metrics.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }
}

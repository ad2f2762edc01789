package io.meshlake.table;

import java.util.Map;

/**
 * A Delta commit: the table version it created, Delta's own operation metrics for it, and the user
 * metadata the writer attached (empty when none).
 */
public record Commit(long version, String operation, Map<String, String> metrics, String userMetadata) {
  public Commit {
    metrics = Map.copyOf(metrics);
    userMetadata = userMetadata == null ? "" : userMetadata;
  }

  /** A metric as a number, 0 when Delta did not report it. */
  public long metric(String name) {
    String value = metrics.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }
}

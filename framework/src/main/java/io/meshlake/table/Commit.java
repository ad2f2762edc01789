package io.meshlake.table;

import java.util.Map;

/** A Delta commit: the table version it created and Delta's own operation metrics for it. */
public record Commit(long version, String operation, Map<String, String> metrics) {
  public Commit {
    metrics = Map.copyOf(metrics);
  }

  /** A metric as a number, 0 when Delta did not report it. */
  public long metric(String name) {
    String value = metrics.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }
}

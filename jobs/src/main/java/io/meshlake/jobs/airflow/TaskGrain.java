package io.meshlake.jobs.airflow;

import java.util.Locale;

/** What one task of a generated DAG builds: one table, or one layer of the domain. */
public enum TaskGrain {
  /**
   * One task per table ({@code meshlake run <domain> --table <table>}): the task graph is the table graph, so
   * a failed table is retried or cleared alone. One Spark application per table.
   */
  TABLE,
  /**
   * One task per layer ({@code meshlake run <domain> --layer <layer>}): bronze, then silver, then gold. Fewer
   * Spark applications (each start costs tens of seconds on a busy cluster); a retry rebuilds the layer,
   * which the runner's idempotence makes safe.
   */
  LAYER;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

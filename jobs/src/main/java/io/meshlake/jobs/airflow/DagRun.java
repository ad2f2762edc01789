package io.meshlake.jobs.airflow;

import java.util.Map;

/**
 * A DAG run as Airflow reports it.
 *
 * @param dagId the DAG, e.g. {@code meshlake_claims}
 * @param dagRunId the run's id
 * @param state {@code queued}, {@code running}, {@code success} or {@code failed}
 * @param runType {@code manual}, {@code scheduled}, {@code backfill}, {@code asset_triggered}, ...
 * @param logicalDate the logical date (ISO-8601), or null for runs triggered without one
 * @param runAfter when the run may start (ISO-8601)
 * @param startDate when it started, or null
 * @param endDate when it ended, or null
 * @param conf the run's conf (DAG params)
 */
public record DagRun(String dagId, String dagRunId, String state, String runType, String logicalDate, String runAfter,
    String startDate, String endDate, Map<String, Object> conf) {

  /** Whether the run has ended, successfully or not. */
  public boolean finished() {
    return "success".equals(state) || "failed".equals(state);
  }
}

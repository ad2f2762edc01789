package io.meshlake.jobs.airflow;

/**
 * A backfill: Airflow runs the DAG once per logical date of the range.
 *
 * @param id the backfill's id
 * @param dagId the DAG
 * @param fromDate first logical date of the range (ISO-8601)
 * @param toDate last logical date of the range (ISO-8601)
 * @param reprocessBehavior which dates that already have runs are run again: {@code none},
 *     {@code failed} or {@code completed}
 * @param maxActiveRuns how many of its runs may run at once
 * @param completedAt when it completed, or null
 */
public record Backfill(long id, String dagId, String fromDate, String toDate, String reprocessBehavior,
    int maxActiveRuns, String completedAt) {}

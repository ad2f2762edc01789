package io.meshlake.jobs.airflow;

/**
 * A DAG as Airflow knows it.
 *
 * @param dagId e.g. {@code meshlake_member}
 * @param isPaused paused DAGs start no runs
 * @param timetableSummary its schedule, e.g. {@code @daily} or {@code Asset}
 * @param hasImportErrors whether its file failed to parse
 */
public record Dag(String dagId, boolean isPaused, String timetableSummary, boolean hasImportErrors) {}

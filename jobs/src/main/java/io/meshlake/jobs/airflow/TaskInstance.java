package io.meshlake.jobs.airflow;

/**
 * One try of a task in a DAG run, as Airflow reports it.
 *
 * @param taskId the task, i.e. the table it builds
 * @param state e.g. {@code scheduled}, {@code running}, {@code success}, {@code failed},
 *     {@code upstream_failed}, {@code up_for_retry}; null before the scheduler looked at it
 * @param tryNumber the latest try (1 for the first)
 * @param startDate when the try started, or null
 * @param endDate when it ended, or null
 */
public record TaskInstance(String taskId, String state, int tryNumber, String startDate, String endDate) {}

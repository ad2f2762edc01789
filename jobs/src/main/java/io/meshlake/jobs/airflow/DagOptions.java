package io.meshlake.jobs.airflow;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How generated DAGs run their tasks.
 *
 * @param sparkConnId the Airflow Connection of the Spark master every task submits to
 * @param schedule the schedule of domains that read no other domain's products (a cron expression or
 *     preset such as {@code @daily}); empty for manual and API triggers only. Domains that read other
 *     domains' products are scheduled on those products' assets instead.
 * @param startDate the DAGs' start date (UTC); runs are not caught up
 * @param retries how often Airflow retries a failed task
 * @param retryDelay the wait before a retry
 * @param maxActiveTasks how many tasks of one domain's run run at once
 * @param grain what one task builds: a table or a layer
 */
public record DagOptions(String sparkConnId, Optional<String> schedule, LocalDate startDate, int retries,
    Duration retryDelay, int maxActiveTasks, TaskGrain grain) {
  public DagOptions {
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(grain, "grain");
    if (sparkConnId == null || !sparkConnId.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("Invalid Spark connection id '" + sparkConnId
          + "': use letters, digits, '_', '.' or '-', e.g. meshlake_spark");
    }
    schedule.ifPresent(s -> {
      if (s.isBlank() || s.contains("\"") || s.contains("\\")) {
        throw new IllegalArgumentException("Invalid schedule '" + s + "': use a cron expression or preset such as @daily,"
            + " or none for manual runs only");
      }
    });
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
    }
    if (retryDelay.isNegative()) {
      throw new IllegalArgumentException("The retry delay must not be negative, got " + retryDelay);
    }
    if (maxActiveTasks < 1) {
      throw new IllegalArgumentException("maxActiveTasks must be at least 1, got " + maxActiveTasks);
    }
  }
}

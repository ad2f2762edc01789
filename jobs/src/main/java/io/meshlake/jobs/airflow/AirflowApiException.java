package io.meshlake.jobs.airflow;

/**
 * Airflow refused a request (4xx) or stayed unavailable (5xx, connection errors) after retries. The
 * message names the request, Airflow's answer and what to fix.
 */
public final class AirflowApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  AirflowApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when Airflow could not be reached. */
  public int status() {
    return status;
  }
}

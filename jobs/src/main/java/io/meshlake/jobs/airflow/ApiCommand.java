package io.meshlake.jobs.airflow;

import io.meshlake.jobs.Console;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What the {@code meshlake airflow} commands that call Airflow share: where Airflow is, the client, and
 * how a refused request or a run's end becomes an exit status.
 */
abstract class ApiCommand implements Callable<Integer> {
  /** Exit status of a run that did not end in time. */
  static final int STILL_RUNNING = 3;

  @Option(names = "--url", paramLabel = "URL",
      description = "Airflow's base URL, e.g. http://airflow:8080. Default: $" + AirflowEndpoint.URL_VARIABLE + ".")
  String url;

  @Override
  public final Integer call() {
    try {
      return call(new AirflowClient(AirflowEndpoint.fromEnvironment(System.getenv(), url), Console::progress));
    } catch (AirflowApiException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /** Does the command's work; returns its exit status. */
  abstract int call(AirflowClient client);

  /** The DAG of a domain ({@code claims} becomes {@code meshlake_claims}); a DAG id is kept. */
  static String dagId(String domainOrDag) {
    return domainOrDag.startsWith("meshlake_") ? domainOrDag : DagGenerator.dagId(domainOrDag);
  }

  /** Waits for a run and prints how it ended: 0 success, 1 failed, {@link #STILL_RUNNING} timed out. */
  static int await(AirflowClient client, String dagId, String runId, int timeoutMinutes) {
    DagRun run = client.await(dagId, runId, Duration.ofMinutes(timeoutMinutes), Duration.ofSeconds(5));
    if (!run.finished()) {
      System.err.println("Run " + runId + " of " + dagId + " is still " + run.state() + " after " + timeoutMinutes
          + " min. Wait again with: meshlake airflow wait " + dagId + " " + runId);
      return STILL_RUNNING;
    }
    System.out.println(dagId + " " + runId + ": " + run.state());
    if (!"success".equals(run.state())) {
      System.err.println("See which task failed with: meshlake airflow status " + dagId + " --run-id " + runId
          + "\nthen: meshlake airflow logs " + dagId + " " + runId + " TASK; after fixing: meshlake airflow clear "
          + dagId + " " + runId);
      return 1;
    }
    return 0;
  }
}

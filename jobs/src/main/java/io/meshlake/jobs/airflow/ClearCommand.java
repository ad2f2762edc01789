package io.meshlake.jobs.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow clear}: re-runs a run's failed tasks. */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = {"Clear the failed tasks of a run, and those skipped because an upstream one failed, so Airflow"
        + " runs them again (with the run's conf). Fix the cause first: e.g. land the missing extract files."},
    footer = {"", "Example:", "  ./meshlake airflow clear member meshlake__2025-01-31T00:00:00Z --wait",
        "", "Exit status with --wait: 0 success, 1 failed, 3 still running at --timeout, 2 refused."})
final class ClearCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain (or DAG id).")
  String domain;

  @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run.")
  String runId;

  @Option(names = "--wait", description = "Wait until the run ends again.")
  boolean await;

  @Option(names = "--timeout", defaultValue = "120", paramLabel = "MINUTES", description = "Default: ${DEFAULT-VALUE}.")
  int timeoutMinutes;

  @Override
  int call(AirflowClient client) {
    String dagId = dagId(domain);
    for (TaskInstance task : client.clearFailed(dagId, runId)) {
      System.out.println("cleared " + task.taskId() + " (was " + task.state() + ")");
    }
    return await ? await(client, dagId, runId, timeoutMinutes) : 0;
  }
}

package io.meshlake.jobs.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshlake airflow clear}: re-runs a run's failed tasks. */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = {"Clear the failed tasks of a run, and those skipped because an upstream one failed, so Airflow"
        + " runs them again (with the run's conf). Fix the cause first: e.g. land the missing extract files."},
    footer = {"", "Example:", "  ./meshlake airflow clear member meshlake__2025-01-31T00:00:00Z --wait",
        "", "Exit status with --wait: 0 success, 1 failed, 3 still running at --timeout, 2 refused."})
final class ClearCommand extends ApiCommand {
  @Mixin
  RunSelection run;

  @Option(names = "--wait", description = "Wait until the run ends again.")
  boolean await;

  @Mixin
  WaitTimeout timeout;

  @Override
  int call(AirflowClient client) {
    for (TaskInstance task : client.clearFailed(run.dagId(), run.runId)) {
      System.out.println("cleared " + task.taskId() + " (was " + task.state() + ")");
    }
    return await ? await(client, run.dagId(), run.runId, timeout.minutes) : 0;
  }
}

package io.meshlake.jobs.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meshlake airflow wait}: waits for a run to end. */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait until a run ends, printing each task's state changes.",
    footer = {"", "Example:", "  ./meshlake airflow wait member meshlake__2025-01-31T00:00:00Z --timeout 30",
        "", "Exit status: 0 success, 1 failed, 3 still running at --timeout, 2 refused."})
final class WaitCommand extends ApiCommand {
  @Mixin
  RunSelection run;

  @Mixin
  WaitTimeout timeout;

  @Override
  int call(AirflowClient client) {
    return await(client, run.dagId(), run.runId, timeout.minutes);
  }
}

package io.meshlake.jobs.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow wait}: waits for a run to end. */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait until a run ends, printing each task's state changes.",
    footer = {"", "Example:", "  ./meshlake airflow wait member meshlake__2025-01-31T00:00:00Z --timeout 30",
        "", "Exit status: 0 success, 1 failed, 3 still running at --timeout, 2 refused."})
final class WaitCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain (or DAG id).")
  String domain;

  @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run, as `trigger` or `status` printed it.")
  String runId;

  @Option(names = "--timeout", defaultValue = "120", paramLabel = "MINUTES", description = "Default: ${DEFAULT-VALUE}.")
  int timeoutMinutes;

  @Override
  int call(AirflowClient client) {
    return await(client, dagId(domain), runId, timeoutMinutes);
  }
}

package io.meshlake.jobs.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow pause}: stops a domain's DAG from starting runs and tasks. */
@Command(name = "pause", mixinStandardHelpOptions = true,
    description = {"Pause a domain's DAG: no new runs start (scheduled, asset-triggered or triggered) and runs in"
        + " progress start no further tasks; the task running now finishes. `trigger` unpauses."},
    footer = {"", "Example:", "  ./meshlake airflow pause claims      # e.g. while its extract is being re-delivered"})
final class PauseCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain (or DAG id).")
  String domain;

  @Override
  int call(AirflowClient client) {
    System.out.println(client.pause(dagId(domain)).dagId() + " paused");
    return 0;
  }
}

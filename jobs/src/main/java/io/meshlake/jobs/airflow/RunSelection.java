package io.meshlake.jobs.airflow;

import picocli.CommandLine.Parameters;

/** The DAG run a command works on: the domain (or DAG id) and the run's id. */
final class RunSelection {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain (or DAG id), e.g. member.")
  String domain;

  @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run, as `trigger` or `status` printed it.")
  String runId;

  String dagId() {
    return ApiCommand.dagId(domain);
  }
}

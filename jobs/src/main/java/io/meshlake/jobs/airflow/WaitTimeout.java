package io.meshlake.jobs.airflow;

import picocli.CommandLine.Option;

/** How long a command waits for a run to end. */
final class WaitTimeout {
  @Option(names = "--timeout", defaultValue = "120", paramLabel = "MINUTES",
      description = "How long to wait for the run to end. Default: ${DEFAULT-VALUE}.")
  int minutes;
}

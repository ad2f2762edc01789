package io.meshlake.jobs.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow logs}: prints a task's log. */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print the log of a task (a table build) of a run: its latest try, or --try N.",
    footer = {"", "Example:", "  ./meshlake airflow logs member meshlake__2025-01-31T00:00:00Z patients_raw --try 1"})
final class LogsCommand extends ApiCommand {
  @Mixin
  RunSelection run;

  @Parameters(index = "2", paramLabel = "TASK", description = "The task: the table's name, e.g. patients_raw.")
  String task;

  @Option(names = "--try", paramLabel = "N", description = "Which try. Default: the latest.")
  Integer tryNumber;

  @Override
  int call(AirflowClient client) {
    int attempt = tryNumber != null ? tryNumber : client.taskInstances(run.dagId(), run.runId).stream()
        .filter(t -> t.taskId().equals(task)).mapToInt(TaskInstance::tryNumber).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Run " + run.runId + " of " + run.dagId() + " has no task '"
            + task + "': list its tasks with `meshlake airflow status " + run.domain + " --run-id " + run.runId + "`"));
    client.log(run.dagId(), run.runId, task, Math.max(attempt, 1)).forEach(System.out::println);
    return 0;
  }
}

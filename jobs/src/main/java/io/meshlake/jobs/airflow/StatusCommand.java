package io.meshlake.jobs.airflow;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow status}: meshlake's DAGs, a DAG's latest runs, or a run's tasks. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Without a domain: meshlake's DAGs in Airflow (paused, schedule, parse errors, latest run), and"
        + " the DAG files Airflow could not import.",
        "With a domain: its latest runs. With --run-id: that run's tasks and their tries."},
    footer = {"", "Examples:", "  ./meshlake airflow status", "  ./meshlake airflow status claims",
        "  ./meshlake airflow status member --run-id meshlake__2025-01-31T00:00:00Z"})
final class StatusCommand extends ApiCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DOMAIN", description = "The domain (or DAG id).")
  String domain;

  @Option(names = "--run-id", paramLabel = "ID", description = "Show this run's tasks.")
  String runId;

  @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "Runs to show. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  int call(AirflowClient client) {
    if (domain == null) {
      System.out.printf("%-28s %-7s %-14s %-8s %s%n", "DAG", "PAUSED", "SCHEDULE", "ERRORS", "LATEST RUN");
      for (Dag dag : client.dags("meshlake_")) {
        List<DagRun> latest = client.runs(dag.dagId(), 1);
        System.out.printf("%-28s %-7s %-14s %-8s %s%n", dag.dagId(), dag.isPaused() ? "yes" : "no",
            dag.timetableSummary(), dag.hasImportErrors() ? "yes" : "no",
            latest.isEmpty() ? "-" : latest.get(0).dagRunId() + " " + latest.get(0).state());
      }
      client.importErrors().forEach(error -> System.out.println("import error: " + error));
      return 0;
    }
    String dagId = dagId(domain);
    if (runId == null) {
      System.out.printf("%-44s %-16s %-8s %-27s %s%n", "RUN", "TYPE", "STATE", "STARTED", "ENDED");
      for (DagRun run : client.runs(dagId, limit)) {
        System.out.printf("%-44s %-16s %-8s %-27s %s%n", run.dagRunId(), run.runType(), run.state(),
            orDash(run.startDate()), orDash(run.endDate()));
      }
      return 0;
    }
    DagRun run = client.run(dagId, runId);
    System.out.println(dagId + " " + run.dagRunId() + ": " + run.state() + " (" + run.runType() + ")");
    System.out.printf("%-32s %-16s %-4s %-27s %s%n", "TASK", "STATE", "TRY", "STARTED", "ENDED");
    for (TaskInstance task : client.taskInstances(dagId, runId)) {
      System.out.printf("%-32s %-16s %-4d %-27s %s%n", task.taskId(), orDash(task.state()), task.tryNumber(),
          orDash(task.startDate()), orDash(task.endDate()));
    }
    return 0;
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}

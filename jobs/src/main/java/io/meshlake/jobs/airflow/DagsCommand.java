package io.meshlake.jobs.airflow;

import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshlake airflow dags}: writes one DAG file per domain. */
@Command(name = "dags", mixinStandardHelpOptions = true,
    description = {
        "Write one Airflow DAG per domain (meshlake_<domain>.py) into DIR, from the domains' pipeline graphs.",
        "Each task is a SparkSubmitOperator running `meshlake run` from the job jar: by default one per table"
            + " (`--table T`), so a failed table is retried or cleared alone; with --task-per layer one per layer"
            + " (`--layer L`: bronze >> silver >> gold), one Spark application per layer. Gold tasks publish an Asset"
            + " (meshlake://<domain>_gold/<product>); a domain that reads other domains' products is scheduled on"
            + " those assets, the others on --schedule.",
        "At run time the DAGs read: the Connection --spark-conn-id (the Spark master, e.g. spark://host:7077) and"
            + " the Variables meshlake_job_jar (the cluster job jar, see README), meshlake_warehouse,"
            + " meshlake_input (the extract folder; a run's conf {\"input\": DIR} wins) and meshlake_env"
            + " (default cluster). Regenerate after a domain changes."},
    footer = {"", "Examples:",
        "  ./meshlake airflow dags --out $AIRFLOW_HOME/dags",
        "  ./meshlake airflow dags --out dags/ --schedule '0 3 * * *' --retries 3 --retry-delay 600",
        "  ./meshlake airflow dags --out dags/ --task-per layer     # small extracts: start-up dominates a table build"})
final class DagsCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Airflow's DAG folder (created if missing).")
  Path out;

  @Option(names = "--spark-conn-id", defaultValue = "meshlake_spark", paramLabel = "ID",
      description = "Airflow Connection of the Spark master. Default: ${DEFAULT-VALUE}.")
  String sparkConnId;

  @Option(names = "--schedule", defaultValue = "@daily", paramLabel = "CRON",
      description = "Schedule of domains that read no other domain (cron or preset); none for triggered runs only."
          + " Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(names = "--start-date", defaultValue = "2025-01-01", paramLabel = "DATE",
      description = "The DAGs' start date (UTC); past intervals are not caught up. Default: ${DEFAULT-VALUE}.")
  LocalDate startDate;

  @Option(names = "--retries", defaultValue = "2", paramLabel = "N",
      description = "Retries of a failed task. Default: ${DEFAULT-VALUE}.")
  int retries;

  @Option(names = "--retry-delay", defaultValue = "300", paramLabel = "SECONDS",
      description = "Wait before a retry. Default: ${DEFAULT-VALUE}.")
  long retryDelaySeconds;

  @Option(names = "--max-active-tasks", defaultValue = "1", paramLabel = "N",
      description = "Tasks of one domain running at once. Default: ${DEFAULT-VALUE} (one Spark application per"
          + " domain at a time; raise it when the cluster has room).")
  int maxActiveTasks;

  @Option(names = "--task-per", defaultValue = "table", paramLabel = "GRAIN",
      description = "What one task builds: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  TaskGrain grain;

  @Override
  public Integer call() {
    DagOptions options = new DagOptions(sparkConnId,
        "none".equalsIgnoreCase(schedule) ? Optional.empty() : Optional.of(schedule), startDate, retries,
        Duration.ofSeconds(retryDelaySeconds), maxActiveTasks, grain);
    Map<String, String> dags = new DagGenerator(Planner.of(Domains.discover()), options).dags();
    try {
      Files.createDirectories(out);
      for (Map.Entry<String, String> dag : dags.entrySet()) {
        Files.writeString(out.resolve(dag.getKey()), dag.getValue());
        System.out.println(out.resolve(dag.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write DAGs into " + out + ": " + e.getMessage(), e);
    }
    return 0;
  }
}

package io.meshlake.jobs.airflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow trigger}: starts a run of a domain's DAG. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
    description = {
        "Trigger a run of a domain's DAG (unpausing the DAG if needed) and print its run id.",
        "The run id is chosen here, so running the same command again, or a retry after a lost answer, finds the"
            + " existing run instead of starting a second one."},
    footer = {"", "Examples:",
        "  ./meshlake airflow trigger member --wait",
        "  ./meshlake airflow trigger member --input /data/extract/2025-01-31 --run-id member-2025-01-31",
        "  ./meshlake airflow trigger member --logical-date 2025-01-31T00:00:00Z",
        "  ./meshlake airflow trigger member --conf as_of=2025-01-31   # judge freshness as of that day, logical date or not",
        "", "A logical date before the DAG's start date gives a run without tasks (Airflow creates none): use --conf as_of.",
        "", "Exit status with --wait: 0 success, 1 failed, 3 still running at --timeout, 2 refused."})
final class TriggerCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain (or DAG id), e.g. member.")
  String domain;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "The run's id. Default: meshlake__<logical date, or now to the second>.")
  String runId;

  @Option(names = "--logical-date", paramLabel = "INSTANT",
      description = "The run's logical date, e.g. 2025-01-31T00:00:00Z. Default: none (Airflow 3 allows runs without).")
  Instant logicalDate;

  @Option(names = "--input", paramLabel = "DIR", description = "Extract folder for this run (the DAG param input).")
  String input;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Another DAG param of the run. Repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--wait", description = "Wait until the run ends, printing task progress.")
  boolean await;

  @Mixin
  WaitTimeout timeout;

  @Override
  int call(AirflowClient client) {
    String dagId = dagId(domain);
    if (client.dag(dagId).isPaused()) {
      client.unpause(dagId);
      System.err.println("Unpaused " + dagId);
    }
    Map<String, Object> runConf = new LinkedHashMap<>(conf);
    if (input != null) {
      runConf.put("input", input);
    }
    String id = runId != null ? runId
        : "meshlake__" + (logicalDate != null ? logicalDate : Instant.now().truncatedTo(ChronoUnit.SECONDS));
    DagRun run = client.trigger(dagId, id, Optional.ofNullable(logicalDate), runConf);
    System.out.println(run.dagRunId());
    return await ? await(client, dagId, run.dagRunId(), timeout.minutes) : 0;
  }
}

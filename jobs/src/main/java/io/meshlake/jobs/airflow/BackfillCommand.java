package io.meshlake.jobs.airflow;

import java.time.LocalDate;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake airflow backfill}: runs a domain's DAG for each logical date of a range. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Start an Airflow backfill: one run of the domain's DAG per logical date of its schedule from"
        + " --from to --to (UTC, both included), at most --max-active-runs at once.",
        "meshlake ingests each extract file once and rebuilds only tables whose inputs changed, so runs over"
            + " dates whose data is already in are cheap no-ops."},
    footer = {"", "Examples:",
        "  ./meshlake airflow backfill member --from 2025-01-01 --to 2025-01-07 --dry-run",
        "  ./meshlake airflow backfill member --from 2025-01-01 --to 2025-01-07 --reprocess failed"})
final class BackfillCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain (or DAG id).")
  String domain;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "First date, e.g. 2025-01-01.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last date.")
  LocalDate to;

  @Option(names = "--reprocess", defaultValue = "none", paramLabel = "WHICH",
      description = "Dates that already have a run: none (skip them), failed (re-run failed ones) or completed"
          + " (re-run all). Default: ${DEFAULT-VALUE}.")
  Reprocess reprocess;

  @Option(names = "--max-active-runs", defaultValue = "1", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int maxActiveRuns;

  @Option(names = "--dry-run", description = "Only list the logical dates it would run.")
  boolean dryRun;

  /** Airflow's reprocess behaviours. */
  enum Reprocess { NONE, FAILED, COMPLETED }

  @Override
  int call(AirflowClient client) {
    String dagId = dagId(domain);
    String behaviour = reprocess.name().toLowerCase(Locale.ROOT);
    if (dryRun) {
      client.backfillDryRun(dagId, from, to, behaviour).forEach(System.out::println);
      return 0;
    }
    Backfill backfill = client.backfill(dagId, from, to, behaviour, maxActiveRuns);
    System.out.println("backfill " + backfill.id() + " of " + dagId + ": " + backfill.fromDate() + " .. "
        + backfill.toDate() + "; follow it with: meshlake airflow status " + domain);
    return 0;
  }
}

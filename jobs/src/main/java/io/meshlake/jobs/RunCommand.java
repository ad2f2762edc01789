package io.meshlake.jobs;

import io.meshlake.Platform;
import io.meshlake.plan.Domains;
import io.meshlake.plan.Plan;
import io.meshlake.plan.Planner;
import io.meshlake.run.RunResult;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshlake run}: builds a domain's tables. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Build a domain's tables in dependency order: ingest new extract files into bronze, then silver and gold.",
        "Only what changed is built: files already ingested (same path and checksum) are skipped, and a table whose"
            + " inputs did not change since its last successful build is left alone, so a re-run commits nothing.",
        "Malformed rows go to <table>_quarantine with the reason; the summary reconciles every file."},
    footer = {"", "Examples:",
        "  ./meshlake run member --input extract/",
        "  ./meshlake run claims                        # after member: claims reads member_gold.member_months",
        "  ./meshlake run claims --table claim_lines --downstream",
        "  ./meshlake run member --full-refresh         # rebuild from all inputs",
        "  ./meshlake run claims --as-of 2026-01-01     # judge freshness against the extract's logical date",
        "",
        "Gold products are published only when they match their contract and pass their quality rules",
        "(quality-rules/<domain>/<product>.yaml); otherwise they stay as they were. See ./meshlake quality.",
        "", "Exit status: 0 when every table succeeded or was up to date, 1 when one failed."})
final class RunCommand implements Callable<Integer> {
  @Mixin
  SelectionOptions selection;

  @Option(names = "--input", paramLabel = "DIR",
      description = "The extract folder: CSV files (patients.csv, claims.csv, ...) and FHIR R4 files, Bulk Data NDJSON"
          + " (Observation.ndjson, Observation.000.ndjson[.gz]) or Bundles (*.json[.gz]), told apart by name. Default: the environment's.")
  String input;

  @Option(names = "--full-refresh", description = "Rebuild the selected tables from all their input, replacing their content.")
  boolean fullRefresh;

  @Option(names = "--as-of", paramLabel = "TIME", converter = AsOf.class,
      description = "The run's logical date or time (2026-01-31 or 2026-01-31T06:00:00Z): freshness rules measure the"
          + " data's age against it. Orchestrators pass their logical date. Default: now.")
  Instant asOf;

  @Mixin
  PlatformOptions platform;

  @Override
  public Integer call() {
    Plan plan = Planner.of(Domains.discover()).plan(selection.selection());
    Platform running = platform.start();
    RunResult result = running.run(plan, input != null ? input : running.environment().input(), fullRefresh,
        Optional.ofNullable(asOf));
    System.out.print(result.summary());
    return result.succeeded() ? 0 : 1;
  }
}

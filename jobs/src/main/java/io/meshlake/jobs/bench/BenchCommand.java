package io.meshlake.jobs.bench;

import io.meshlake.jobs.generate.GenerationReport;
import io.meshlake.jobs.generate.GeneratorOptions;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshlake bench}: generates an extract, then measures, each phase in a JVM of its own with the
 * same driver heap: the hand-written baseline job, meshlake's full run of every domain, an incremental
 * run after new files arrive, and a no-op run. Prints times, ratios to the baselines and peak heap.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmark meshlake against a lean hand-written Spark job doing the same reads, transforms and"
        + " writes, then measure an incremental run (new files for a fraction of new members) and a no-op run.",
        "Each phase runs in its own JVM with the same heap, so start-up counts as it does for a scheduled job."},
    footer = {"", "Example:  ./meshlake bench --members 8000     # ~2.1M claim lines, ~3M input rows"})
public final class BenchCommand implements Callable<Integer> {
  /** The part name of the increment's files: {@code patients.inc1.csv} and so on. */
  static final String INCREMENT_PART = "inc1";

  @Option(names = "--members", defaultValue = "8000", paramLabel = "N", description = "Members to generate (default ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--increment", defaultValue = "0.01", paramLabel = "F",
      description = "New members in the incremental run, as a fraction of --members (default ${DEFAULT-VALUE}).")
  double increment;

  @Option(names = "--heap", defaultValue = "2g", paramLabel = "SIZE", description = "Driver heap of every phase (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--dir", defaultValue = "bench", paramLabel = "DIR", description = "Working folder, emptied first (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PhaseRunner.deleteRecursively(dir);
    Path extract = dir.resolve("extract");
    GenerationReport full = SyntheaCsvGenerator.generate(GeneratorOptions.of(members, extract).withBadFraction(0.0005));
    long claimLines = full.files().get("claims_transactions.csv").rows();
    System.out.printf("meshlake benchmark: %,d members, %,d input rows (%,d claim transaction lines), driver heap %s, %d cores%n",
        members, full.totalRows(), claimLines, heap, Runtime.getRuntime().availableProcessors());

    PhaseResult baseline = phase("baseline", "baseline", extract, dir.resolve("warehouse-baseline"));
    Path warehouse = dir.resolve("warehouse");
    PhaseResult fullRun = phase("meshlake", "full", extract, warehouse);
    int newMembers = Math.max(1, (int) Math.round(members * increment));
    GenerationReport added = SyntheaCsvGenerator.generate(
        GeneratorOptions.of(newMembers, extract).withBadFraction(0.0005).withFirstMember(members).withPart(INCREMENT_PART));
    PhaseResult incremental = phase("meshlake", "incremental", extract, warehouse);
    PhaseResult noop = phase("meshlake", "no-op", extract, warehouse);
    PhaseResult lean = phase("baseline-increment", "lean increment", extract, dir.resolve("warehouse-baseline"));
    double leanStartUp = lean.tables().stream().filter(t -> t.table().equals(BenchPhaseCommand.START_UP))
        .mapToDouble(PhaseResult.TableTiming::seconds).sum();

    System.out.printf("%n%-12s %9s  %-44s %10s%n", "phase", "seconds", "ratio", "peak heap");
    System.out.printf("%-12s %9.1f  %-44s %10s%n", "baseline", baseline.seconds(), "1.00 (hand-written job)", gib(baseline));
    System.out.printf("%-12s %9.1f  %-44s %10s%n", "full", fullRun.seconds(),
        String.format("%.2f x baseline (target <= 1.25)", fullRun.seconds() / baseline.seconds()), gib(fullRun));
    double aboveNoop = incremental.seconds() - noop.seconds();
    System.out.printf("%-12s %9.1f  %-44s %10s%n", "incremental", incremental.seconds(),
        String.format("%.2f x full; above no-op %.1f%% of full (target <= 5%%)", incremental.seconds() / fullRun.seconds(),
            100 * aboveNoop / fullRun.seconds()), gib(incremental));
    System.out.printf("%-12s %9.1f  %-44s %10s%n", "no-op", noop.seconds(), "(target <= 15 s)", gib(noop));
    System.out.printf("%-12s %9.1f  %-44s %10s%n", "lean incr.", lean.seconds(),
        String.format("hand-written increment; above its start-up (%.1f s) %.1f%% of full", leanStartUp,
            100 * (lean.seconds() - leanStartUp) / fullRun.seconds()), gib(lean));
    System.out.printf("%nincrement: %,d new members, %,d new input rows%n", newMembers, added.totalRows());

    System.out.printf("%n%-40s %12s %9s %9s %12s %9s %9s %9s   %s%n", "table", "rows in", "full s", "base s", "rows/s",
        "incr. s", "lean s", "no-op s", "Spark jobs full/incr./no-op");
    int[] jobs = new int[3];
    for (int i = 0; i < fullRun.tables().size(); i++) {
      PhaseResult.TableTiming t = fullRun.tables().get(i);
      PhaseResult.TableTiming inc = incremental.tables().get(i);
      PhaseResult.TableTiming none = noop.tables().get(i);
      System.out.printf("%-40s %,12d %9.1f %9s %,12.0f %9.1f %9s %9.1f   %d/%d/%d%n", t.table(), t.rowsIn(), t.seconds(),
          stepSeconds(baseline, t.table()), t.seconds() > 0 ? t.rowsIn() / t.seconds() : 0, inc.seconds(),
          stepSeconds(lean, t.table()), none.seconds(), t.sparkJobs(), inc.sparkJobs(), none.sparkJobs());
      jobs[0] += t.sparkJobs();
      jobs[1] += inc.sparkJobs();
      jobs[2] += none.sparkJobs();
    }
    System.out.printf("%-40s %12s %9s %9s %12s %9s %9s %9s   %d/%d/%d  (jobs of the table builds; the run log and audit"
        + " log add a few per run)%n", "all tables", "", "", "", "", "", "", "", jobs[0], jobs[1], jobs[2]);
    System.out.printf("base s and lean s: the hand-written full job's and increment's step for the same table (the"
        + " increment found the changed members in %s s)%n", stepSeconds(lean, BaselineIncrementJob.CHANGED_MEMBERS));
    printGateShare(fullRun);
    printGovernanceShare(fullRun, "governance (full run)");
    printGovernanceShare(incremental, "governance (incremental run)");
    return 0;
  }

  /**
   * Governance's share of each gold product's publication in a run: how long it held the publication up (the
   * commits waiting for the pseudonym map and consent sets, prepared beside the write; the consumer classes'
   * tables derived after it), against the whole build (compute, gate, write, governance); then with the runs'
   * audit log appends added to both; then the preparation's own time.
   */
  private static void printGovernanceShare(PhaseResult run, String title) {
    double[] totals = printShares(run, title, "govern s", PhaseResult.TableTiming::governanceSeconds);
    printTotal("all gold products", totals[0], totals[1], "target <= 10%");
    printTotal("with the audit log appends", totals[0] + run.auditSeconds(), totals[1] + run.auditSeconds(),
        "audit log: one append per run");
    double beside = run.tables().stream().filter(t -> t.table().contains("_gold."))
        .mapToDouble(PhaseResult.TableTiming::besideSeconds).sum();
    System.out.printf("%-40s %12s %9s %9.1f %9s  (%s)%n", "pseudonym map and consent sets", "", "", beside, "",
        "prepared beside the gold writes; only the commits' wait for them counts above");
  }

  /**
   * The quality gates' share of each gold product's build time in the full run: the gate's own work
   * (grouping metrics, the upstream line counts, judging) against the whole build (compute, gate, write).
   * The gate's scan metrics ride in the pass that computes the candidate and count as build.
   */
  private static void printGateShare(PhaseResult run) {
    double[] totals = printShares(run, "quality gate (full run)", "gate s", PhaseResult.TableTiming::gateSeconds);
    printTotal("all gold products", totals[0], totals[1],
        "target <= 10%; scan metrics computed in the build pass, keys the query groups on proven, not shuffled");
  }

  /** One line per gold product: its build time, a part of it and that part's share; returns both totals. */
  private static double[] printShares(PhaseResult run, String title, String heading,
      ToDoubleFunction<PhaseResult.TableTiming> part) {
    System.out.printf("%n%-40s %12s %9s %9s %9s%n", title, "rows", "build s", heading, "share");
    double build = 0;
    double total = 0;
    for (PhaseResult.TableTiming t : run.tables()) {
      if (t.table().contains("_gold.")) {
        double seconds = part.applyAsDouble(t);
        System.out.printf("%-40s %,12d %9.1f %9.1f %8.1f%%%n", t.table(), t.rowsIn(), t.seconds(), seconds,
            100 * seconds / t.seconds());
        build += t.seconds();
        total += seconds;
      }
    }
    return new double[] {build, total};
  }

  private static void printTotal(String label, double build, double part, String note) {
    System.out.printf("%-40s %12s %9.1f %9.1f %8.1f%%  (%s)%n", label, "", build, part, build > 0 ? 100 * part / build : 0,
        note);
  }

  /**
   * A hand-written job's seconds for the step building a meshlake table (matched by table name), or blank where
   * it has no such step.
   */
  private static String stepSeconds(PhaseResult job, String table) {
    String name = table.substring(table.indexOf('.') + 1);
    return job.tables().stream().filter(t -> t.table().equals(name)).findFirst()
        .map(t -> String.format("%.1f", t.seconds())).orElse("");
  }

  private PhaseResult phase(String kind, String name, Path extract, Path warehouse) throws IOException, InterruptedException {
    return PhaseRunner.run(heap, kind, name, extract, warehouse);
  }

  private static String gib(PhaseResult result) {
    return PhaseRunner.gib(result.peakHeapBytes());
  }
}

package io.meshlake.run;

import io.meshlake.governance.GovernedPublication;
import io.meshlake.ingest.IngestedFile;
import io.meshlake.quality.QualityLog;
import io.meshlake.quality.RuleOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a run: one build record per planned table, the quality gate's verdict on every gold
 * product it tried to publish, and what governance derived from every product it published.
 */
public record RunResult(String runId, String domain, Instant startedAt, Instant endedAt, List<TableBuild> builds,
    List<QualityLog.Entry> quality, List<GovernedPublication> governance) {
  public RunResult {
    builds = List.copyOf(builds);
    quality = List.copyOf(quality);
    governance = List.copyOf(governance);
  }

  /** What the audit log records about the run itself. */
  Map<String, Object> auditDetails() {
    Map<String, Object> statuses = new TreeMap<>();
    builds.forEach(b -> statuses.put(b.table().qualifiedName(), b.status().name()));
    return Map.of("domain", domain, "started_at", startedAt.toString(), "ended_at", endedAt.toString(),
        "status", succeeded() ? "SUCCEEDED" : "FAILED", "tables", statuses);
  }

  /** True when no table failed or was skipped. */
  public boolean succeeded() {
    return builds.stream().noneMatch(b -> b.status() == BuildStatus.FAILED || b.status() == BuildStatus.SKIPPED);
  }

  /** Whether the run wrote anything. */
  public boolean committedAnything() {
    return builds.stream().anyMatch(b -> b.status() == BuildStatus.SUCCEEDED);
  }

  /** The summary table printed at the end of every run. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    double seconds = Duration.between(startedAt, endedAt).toMillis() / 1000.0;
    out.append(String.format("%nRun %s of domain %s: %s in %.1f s%n", runId, domain,
        succeeded() ? (committedAnything() ? "SUCCEEDED" : "UP TO DATE, no table changed") : "FAILED", seconds));
    int width = Math.max(36, builds.stream().mapToInt(b -> b.table().qualifiedName().length()).max().orElse(0));
    String format = "%-" + width + "s %-10s %11s %11s %11s %8s %8s%n";
    out.append(String.format(format, "table", "status", "rows in", "rows out", "quarantined", "version", "seconds"));
    out.append("-".repeat(width + 66)).append('\n');
    for (TableBuild b : builds) {
      out.append(String.format(format, b.table().qualifiedName(), b.status(), count(b, b.rowsIn()),
          count(b, b.rowsOut()), count(b, b.rowsQuarantined()), b.outputVersion().map(String::valueOf).orElse("-"),
          String.format("%.1f", b.elapsed().toMillis() / 1000.0)));
      for (IngestedFile f : b.files()) {
        out.append(String.format(format, "  " + f.fileName() + " (file v" + f.fileVersion() + ")",
            f.reconciles() ? "reconciled" : "MISMATCH", String.format("%,d", f.rowsIn()), String.format("%,d", f.rowsOut()),
            String.format("%,d", f.rowsQuarantined()), "", ""));
      }
    }
    for (QualityLog.Entry q : quality) {
      long passed = q.outcomes().stream().filter(o -> o.status() == RuleOutcome.Status.PASSED).count();
      out.append(String.format("quality %s: %d/%d rule(s) passed%s%n", q.product().qualifiedName(), passed,
          q.outcomes().size(), q.published() ? "" : ", NOT PUBLISHED"));
    }
    for (GovernedPublication g : governance) {
      out.append(String.format("governed %s v%d: %s%n", g.product().qualifiedName(), g.goldVersion(),
          describe(g.tables())));
    }
    for (TableBuild b : builds) {
      if (b.status() == BuildStatus.FAILED || b.status() == BuildStatus.SKIPPED) {
        out.append(String.format("%s %s: %s%n", b.status(), b.table().qualifiedName(), b.message()));
      }
    }
    return out.toString();
  }

  /** What each class reads; a class reading another's table (their views are the same) is named as such. */
  private static String describe(List<GovernedPublication.ClassTable> tables) {
    Map<String, String> readers = new HashMap<>();
    List<String> described = new ArrayList<>();
    for (GovernedPublication.ClassTable t : tables) {
      String first = t.form() == GovernedPublication.Form.TABLE ? readers.putIfAbsent(t.location(), t.consumerClass())
          : null;
      described.add(first == null ? describe(t) : t.consumerClass() + " reads the " + first + " table");
    }
    return String.join(", ", described);
  }

  private static String describe(GovernedPublication.ClassTable t) {
    return switch (t.form()) {
      case GOLD -> t.consumerClass() + " reads gold";
      case VIEW -> t.consumerClass() + " view" + t.consentPurpose().map(p -> " (" + p + " consent)").orElse("");
      case TABLE -> String.format("%s %,d rows%s%s", t.consumerClass(), t.rows(),
          t.consentRemoved() > 0 ? String.format(", %,d without consent", t.consentRemoved()) : "",
          t.suppressedCells() > 0 ? ", " + t.suppressedCells() + " cells suppressed" : "");
    };
  }

  private static String count(TableBuild b, long n) {
    return b.status() == BuildStatus.SUCCEEDED ? String.format("%,d", n) : "-";
  }
}

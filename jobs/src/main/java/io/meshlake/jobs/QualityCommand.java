package io.meshlake.jobs;

import static org.apache.spark.sql.functions.col;

import io.meshlake.Platform;
import io.meshlake.quality.QualityHistory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake quality}: the latest quality verdicts of a domain's products and their SLO attainment. */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {
        "Show the latest quality gate verdict of each gold product of a domain (every rule with its metric and"
            + " threshold) and SLO attainment over the recorded runs: the share of runs in which every rule measuring"
            + " the SLO passed, with the most recent runs as a timeline (+ met, - missed).",
        "Read from meshlake_platform.quality_results; each run also writes an HTML report"
            + " (meshlake_platform/quality_reports/<run>.html in the warehouse)."},
    footer = {"", "Examples:", "  ./meshlake quality claims", "  ./meshlake quality member --product enrollment --runs 30"})
final class QualityCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain, e.g. claims.")
  String domain;

  @Option(names = "--product", paramLabel = "P", description = "Only this product, e.g. member_month_costs.")
  String product;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "Runs in the timeline (default 20).")
  int runs;

  @Mixin
  PlatformOptions platform;

  @Override
  public Integer call() {
    Platform running = platform.start();
    Dataset<Row> results = running.qualityLog().read().where(col("domain").equalTo(domain));
    if (product != null) {
      results = results.where(col("product").equalTo(domain + "_gold." + product));
    }
    Map<String, QualityHistory> histories = QualityHistory.of(results.collectAsList());
    if (histories.isEmpty()) {
      System.out.println("No quality verdicts recorded for " + (product == null ? "domain " + domain : domain + "_gold."
          + product) + " yet: run ./meshlake run " + domain + " first.");
      return 1;
    }
    histories.values().forEach(history -> System.out.print(report(history)));
    return 0;
  }

  private String report(QualityHistory history) {
    List<QualityHistory.Verdict> last = history.latest();
    StringBuilder out = new StringBuilder();
    out.append(String.format("%n%s  (run %s: %s)%n", history.product(), last.get(0).runId(),
        history.latestPublished() ? "published" : "NOT PUBLISHED"));
    String format = "  %-34s %-12s %-11s %s%n";
    out.append(String.format(format, "rule", "verdict", "metric", "what was measured"));
    for (QualityHistory.Verdict v : last) {
      out.append(String.format(format, v.rule(), v.status(),
          v.metric().isPresent() ? String.format("%.4f", v.metric().getAsDouble()) : "", v.message()));
    }
    out.append("  SLO attainment:\n");
    for (QualityHistory.Attainment slo : history.attainment()) {
      List<QualityHistory.RunOutcome> recent = slo.runs().subList(Math.max(0, slo.runs().size() - runs), slo.runs().size());
      StringBuilder timeline = new StringBuilder();
      recent.forEach(r -> timeline.append(r.met() ? '+' : '-'));
      out.append(String.format("    %-13s %5.1f%% of %d run(s)   %s%n", slo.slo(), 100.0 * slo.share(), slo.runs().size(),
          timeline));
    }
    return out.toString();
  }
}

package io.meshlake.jobs;

import static org.apache.spark.sql.functions.col;

import io.meshlake.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    List<Row> rows = results.orderBy(col("product"), col("checked_at"), col("rule")).collectAsList();
    if (rows.isEmpty()) {
      System.out.println("No quality verdicts recorded for " + (product == null ? "domain " + domain : domain + "_gold."
          + product) + " yet: run ./meshlake run " + domain + " first.");
      return 1;
    }
    Map<String, List<Row>> byProduct = new LinkedHashMap<>();
    rows.forEach(r -> byProduct.computeIfAbsent(r.getString(r.fieldIndex("product")), k -> new ArrayList<>()).add(r));
    byProduct.forEach((name, productRows) -> System.out.print(report(name, productRows)));
    return 0;
  }

  private String report(String product, List<Row> rows) {
    List<String> runIds = rows.stream().map(r -> r.getString(r.fieldIndex("run_id"))).distinct().toList();
    String latest = runIds.get(runIds.size() - 1);
    StringBuilder out = new StringBuilder();
    List<Row> last = rows.stream().filter(r -> r.getString(r.fieldIndex("run_id")).equals(latest)).toList();
    boolean published = last.get(0).getBoolean(last.get(0).fieldIndex("published"));
    out.append(String.format("%n%s  (run %s: %s)%n", product, latest, published ? "published" : "NOT PUBLISHED"));
    String format = "  %-34s %-12s %-11s %s%n";
    out.append(String.format(format, "rule", "verdict", "metric", "what was measured"));
    for (Row r : last) {
      Object metric = r.get(r.fieldIndex("metric"));
      out.append(String.format(format, r.getString(r.fieldIndex("rule")), r.getString(r.fieldIndex("status")),
          metric == null ? "" : String.format("%.4f", (Double) metric), r.getString(r.fieldIndex("message"))));
    }
    out.append("  SLO attainment:\n");
    Map<String, List<Boolean>> bySlo = new LinkedHashMap<>();
    for (String run : runIds) {
      Map<String, Boolean> met = new LinkedHashMap<>();
      rows.stream().filter(r -> r.getString(r.fieldIndex("run_id")).equals(run) && r.get(r.fieldIndex("slo")) != null)
          .forEach(r -> met.merge(r.getString(r.fieldIndex("slo")),
              !List.of("FAILED", "WARNED").contains(r.getString(r.fieldIndex("status"))), Boolean::logicalAnd));
      met.forEach((slo, ok) -> bySlo.computeIfAbsent(slo, k -> new ArrayList<>()).add(ok));
    }
    bySlo.forEach((slo, history) -> {
      long met = history.stream().filter(b -> b).count();
      List<Boolean> recent = history.subList(Math.max(0, history.size() - runs), history.size());
      StringBuilder timeline = new StringBuilder();
      recent.forEach(b -> timeline.append(b ? '+' : '-'));
      out.append(String.format("    %-13s %5.1f%% of %d run(s)   %s%n", slo, 100.0 * met / history.size(), history.size(),
          timeline));
    });
    return out.toString();
  }
}

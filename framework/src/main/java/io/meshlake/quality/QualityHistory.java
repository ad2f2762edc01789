package io.meshlake.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Row;

/**
 * The recorded quality verdicts of one data product over runs, as {@code meshlake_platform.quality_results}
 * holds them: the latest gate's verdicts and, per SLO, whether it was met in each run.
 *
 * @param product the product's qualified name, e.g. {@code claims_gold.payer_pmpm}
 * @param verdicts every verdict, oldest run first
 */
public record QualityHistory(String product, List<Verdict> verdicts) {
  public QualityHistory {
    verdicts = List.copyOf(verdicts);
    if (verdicts.isEmpty()) {
      throw new IllegalArgumentException("The quality history of " + product + " needs at least one verdict");
    }
  }

  /**
   * One rule's recorded verdict in one run.
   *
   * @param slo the SLO the rule measures, if any ({@code freshness}, {@code validity}, ...)
   * @param status {@code PASSED}, {@code WARNED}, {@code QUARANTINED} or {@code FAILED}
   */
  public record Verdict(String runId, String rule, Optional<String> slo, String status, OptionalDouble metric,
      String message, boolean published, Instant checkedAt) {}

  /** Whether an SLO was met in one run: every rule measuring it passed (or quarantined its rows). */
  public record RunOutcome(String runId, Instant checkedAt, boolean met) {}

  /**
   * An SLO's record over runs, oldest first.
   *
   * @param slo the SLO kind's label
   */
  public record Attainment(String slo, List<RunOutcome> runs) {
    public Attainment {
      runs = List.copyOf(runs);
    }

    /** The share of runs in which the SLO was met, 0 to 1. */
    public double share() {
      return runs.stream().filter(RunOutcome::met).count() / (double) runs.size();
    }
  }

  /** Groups rows of {@code quality_results} (any order) by product, each product's runs in time order. */
  public static Map<String, QualityHistory> of(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparing((Row r) -> instant(r.get(r.fieldIndex("checked_at"))))
        .thenComparing(r -> r.getString(r.fieldIndex("rule"))));
    Map<String, List<Verdict>> byProduct = new java.util.TreeMap<>();
    for (Row r : sorted) {
      Object metric = r.get(r.fieldIndex("metric"));
      byProduct.computeIfAbsent(r.getString(r.fieldIndex("product")), k -> new ArrayList<>()).add(new Verdict(
          r.getString(r.fieldIndex("run_id")), r.getString(r.fieldIndex("rule")),
          Optional.ofNullable(r.getString(r.fieldIndex("slo"))), r.getString(r.fieldIndex("status")),
          metric == null ? OptionalDouble.empty() : OptionalDouble.of((Double) metric),
          r.getString(r.fieldIndex("message")), r.getBoolean(r.fieldIndex("published")),
          instant(r.get(r.fieldIndex("checked_at")))));
    }
    Map<String, QualityHistory> histories = new LinkedHashMap<>();
    byProduct.forEach((product, verdicts) -> histories.put(product, new QualityHistory(product, verdicts)));
    return histories;
  }

  /** The run ids in the order they were gated. */
  public List<String> runs() {
    return verdicts.stream().map(Verdict::runId).distinct().toList();
  }

  /** The verdicts of the most recent gate. */
  public List<Verdict> latest() {
    String run = runs().get(runs().size() - 1);
    return verdicts.stream().filter(v -> v.runId().equals(run)).toList();
  }

  /** Whether the most recent gate published the product. */
  public boolean latestPublished() {
    return latest().get(0).published();
  }

  /** Each SLO measured by a rule, with whether it was met in each run that measured it. */
  public List<Attainment> attainment() {
    Map<String, List<RunOutcome>> bySlo = new LinkedHashMap<>();
    for (String run : runs()) {
      Map<String, Boolean> met = new LinkedHashMap<>();
      Map<String, Instant> at = new LinkedHashMap<>();
      verdicts.stream().filter(v -> v.runId().equals(run) && v.slo().isPresent()).forEach(v -> {
        met.merge(v.slo().get(), !List.of("FAILED", "WARNED").contains(v.status()), Boolean::logicalAnd);
        at.putIfAbsent(v.slo().get(), v.checkedAt());
      });
      met.forEach((slo, ok) -> bySlo.computeIfAbsent(slo, k -> new ArrayList<>()).add(new RunOutcome(run, at.get(slo), ok)));
    }
    List<Attainment> attainment = new ArrayList<>();
    bySlo.forEach((slo, runs) -> attainment.add(new Attainment(slo, runs)));
    return attainment;
  }

  private static Instant instant(Object value) {
    return value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
  }
}

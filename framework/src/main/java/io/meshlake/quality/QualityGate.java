package io.meshlake.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Analyzers;
import com.amazon.deequ.analyzers.GroupingAnalyzer;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.ScanShareableAnalyzer;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.MetricsRepository;
import io.meshlake.api.TableId;
import io.meshlake.spark.SideBySide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Judges a candidate publication of a data product by its rules with Deequ: quarantine rules move the
 * rows that break them out of the candidate; warn and fail rules are measured on the rows that would be
 * published. The caller publishes only when {@link GateResult#passed()}.
 *
 * <p>The candidate should be cached by the caller and not yet computed: the gate's first query is the build
 * pass, which computes the candidate (filling the cache) and, in the same scan, every metric Deequ computes
 * by aggregation (completeness, compliance, ranges, patterns, freshness maxima, the row count). Only
 * grouping metrics (uniqueness, duplicates: one pass per set of columns, none for a key the query is
 * proven to group on), the count of quarantined rows and, for an incremental build, the table-level
 * metrics over the published rows kept take passes of their own, run side by side.
 */
public final class QualityGate {
  static final String VIOLATIONS = "__meshlake_violations";
  private static final String DERIVED = "__meshlake_rule_";

  private final Function<TableId, Dataset<Row>> tables;

  /** @param tables reads a table other rules refer to (references, mapping tables) at its current version */
  public QualityGate(Function<TableId, Dataset<Row>> tables) {
    this.tables = tables;
  }

  /**
   * Evaluates the rules on a candidate.
   *
   * @param candidate the rows about to be published
   * @param rules the product's rules ({@link ProductRules#of})
   * @param asOf the run's as-of time, against which freshness is measured
   * @param lines the extract lines of this run upstream of the product
   * @param history the product's Deequ metrics repository, for row-count anomalies
   * @param unchanged for an incremental build, the published rows the publication keeps (freshness and
   *     volume are judged on them and the candidate together); empty when the candidate replaces all
   */
  public GateResult evaluate(Dataset<Row> candidate, List<Rule> rules, Instant asOf, LineCounts lines,
      MetricsRepository history, Optional<Dataset<Row>> unchanged) {
    Map<Rule, String> derived = new HashMap<>();
    Dataset<Row> data = candidate;
    List<Column> violations = new ArrayList<>();
    int n = 0;
    for (Rule rule : rules) {
      String name = DERIVED + n++;
      Check check = rule.check();
      if (check instanceof Check.References r) {
        data = withFound(data, r.column(), tables.apply(r.table()), r.tableColumn(), null, name);
        derived.put(rule, name);
      } else if (check instanceof Check.MappedCodes m) {
        data = withFound(data, m.column(), tables.apply(m.mapping()), m.localColumn(), m.standardColumn(), name);
        derived.put(rule, name);
      } else if (check instanceof Check.Freshness f) {
        data = data.withColumn(name, unix_timestamp(col(f.column()).cast(DataTypes.TimestampType)));
        derived.put(rule, name);
      }
      if (rule.action() == Action.QUARANTINE) {
        String predicate = derived.containsKey(rule)
            ? "`" + check.columns().get(0) + "` IS NULL OR `" + derived.get(rule) + "`"
            : check.rowPredicate().orElseThrow();
        violations.add(when(expr("coalesce(" + predicate + ", false)"), lit(null)).otherwise(lit(rule.name())));
      }
    }
    Dataset<Row> measured = data;
    Dataset<Row> quarantined = data.limit(0).select(array().cast("array<string>").as("rules"), lit("").as("record"));
    if (!violations.isEmpty()) {
      Dataset<Row> marked = data.withColumn(VIOLATIONS,
          filter(array(violations.toArray(Column[]::new)), x -> x.isNotNull()));
      measured = marked.where(size(col(VIOLATIONS)).equalTo(0)).drop(VIOLATIONS);
      quarantined = marked.where(size(col(VIOLATIONS)).gt(0)).select(col(VIOLATIONS).as("rules"),
          to_json(struct(List.of(candidate.columns()).stream().map(c -> col("`" + c + "`")).toArray(Column[]::new)))
              .as("record"));
    }

    long asOfSeconds = asOf.getEpochSecond();
    // Freshness and volume judge the table as it will be after publication: with an incremental build
    // that is the candidate plus the published rows it leaves alone, measured in a second, narrow pass.
    Dataset<Row> table = unchanged.isPresent()
        ? tableColumns(measured, rules, derived).unionByName(tableColumns(unchanged.get(), rules, derived))
        : measured;
    List<com.amazon.deequ.checks.Check> rowChecks = new ArrayList<>();
    List<com.amazon.deequ.checks.Check> tableChecks = new ArrayList<>();
    for (Rule rule : rules) {
      Check check = rule.check();
      if (rule.action() == Action.QUARANTINE || check instanceof Check.LineValidity || check instanceof Check.RowCountAnomaly) {
        continue;
      }
      (isTableLevel(check) ? tableChecks : rowChecks).add(DeequChecks.compile(rule, derived.get(rule), asOfSeconds));
    }
    boolean anomalies = rules.stream().anyMatch(r -> r.check() instanceof Check.RowCountAnomaly);
    boolean firstPublication = anomalies && history.load().get().isEmpty();
    for (Rule rule : rules) {
      if (rule.check() instanceof Check.RowCountAnomaly a && !firstPublication) {
        tableChecks.add(DeequChecks.rowCountAnomaly(rule, a, history, rowCount()));
      }
    }
    // The rows to publish are measured with every analyzer their checks need, and the row count always (it
    // is the volume history and tells when nothing is left to measure). Without published rows to keep,
    // the table after publication is those rows, so the table-level checks are measured on them too.
    Set<Analyzer<?, Metric<?>>> rowAnalyzers = new LinkedHashSet<>(List.of(rowCountMetric()));
    rowChecks.forEach(c -> rowAnalyzers.addAll(JavaConverters.setAsJavaSet(c.requiredAnalyzers())));
    Set<Analyzer<?, Metric<?>>> tableAnalyzers = new LinkedHashSet<>(anomalies ? List.of(rowCountMetric()) : List.of());
    tableChecks.forEach(c -> tableAnalyzers.addAll(JavaConverters.setAsJavaSet(c.requiredAnalyzers())));
    if (unchanged.isEmpty()) {
      rowAnalyzers.addAll(tableAnalyzers);
    }
    // A key the candidate's query groups or de-duplicates on is unique by construction: Deequ gets its
    // uniqueness as a proven metric instead of a shuffle of every row (the rows measured are a subset of
    // the candidate's, so they are unique too).
    Map<Analyzer<?, Metric<?>>, Metric<?>> proven = new LinkedHashMap<>();
    Set<List<String>> provenKeys = new HashSet<>();
    for (Analyzer<?, Metric<?>> analyzer : rowAnalyzers) {
      if (((Object) analyzer) instanceof Uniqueness u && u.where().isEmpty()) {
        List<String> key = JavaConverters.seqAsJavaList(u.columns());
        if (PlanKeys.unique(candidate, key)) {
          provenKeys.add(List.copyOf(key));
          proven.put(analyzer, Analyzers.metricFromValue(1.0, "Uniqueness", String.join(",", key),
              key.size() == 1 ? Entity.Column() : Entity.Multicolumn(), Option.empty()));
        }
      }
    }
    // The build pass: the first query over the rows computes the candidate (filling the caller's cache) and,
    // in the same scan, every metric Deequ can share a scan for.
    Instant passStart = Instant.now();
    AnalyzerContext scanned = analyse(measured, rowAnalyzers.stream().filter(QualityGate::scanShareable).toList());
    Duration buildPass = Duration.between(passStart, Instant.now());
    // The other queries read the computed candidate and not each other's results, so they run side by side:
    // a grouping pass per set of columns (uniqueness and duplicates shuffle the rows), the count of rows each
    // quarantine rule moved, and for an incremental build the table-level pass.
    List<Supplier<AnalyzerContext>> passes = new ArrayList<>();
    Dataset<Row> rows = measured;
    groupings(rowAnalyzers, proven.keySet()).forEach(g -> passes.add(() -> analyse(rows, g)));
    int groupingPasses = passes.size();
    Dataset<Row> quarantine = quarantined;
    passes.add(() -> analyse(quarantine, quarantineCounts(rules)));
    if (unchanged.isPresent()) {
      passes.add(() -> analyse(table, List.copyOf(tableAnalyzers)));
    }
    List<AnalyzerContext> measures = SideBySide.all("measuring the quality of " + rules.size() + " rule(s)", passes);
    AnalyzerContext rowMetrics = scanned.$plus$plus(new AnalyzerContext(
        scala.collection.immutable.Map$.MODULE$.<Analyzer<?, Metric<?>>, Metric<?>>empty()
            .$plus$plus(JavaConverters.mapAsScalaMap(proven))));
    for (AnalyzerContext grouped : measures.subList(0, groupingPasses)) {
      rowMetrics = rowMetrics.$plus$plus(grouped);
    }
    Map<String, Long> quarantinedByRule = quarantinedByRule(measures.get(groupingPasses), rules);
    AnalyzerContext tableMetrics = unchanged.isPresent() ? measures.get(groupingPasses + 1) : rowMetrics;
    // Ratios over no rows (an incremental build whose keys lost all their rows) hold: nothing is published.
    boolean nothingMeasured = JavaConverters.mapAsJavaMap(rowMetrics.metricMap()).entrySet().stream()
        .anyMatch(e -> ((Object) e.getKey()) instanceof Size && e.getValue().value().isSuccess()
            && ((Number) e.getValue().value().get()).longValue() == 0);

    Map<String, CheckResult> checks = new HashMap<>();
    for (com.amazon.deequ.checks.Check check : rowChecks) {
      checks.put(check.description(), check.evaluate(rowMetrics));
    }
    for (com.amazon.deequ.checks.Check check : tableChecks) {
      checks.put(check.description(), check.evaluate(tableMetrics));
    }
    List<RuleOutcome> outcomes = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.action() == Action.QUARANTINE) {
        long moved = quarantinedByRule.getOrDefault(rule.name(), 0L);
        outcomes.add(new RuleOutcome(rule, moved > 0 ? RuleOutcome.Status.QUARANTINED : RuleOutcome.Status.PASSED,
            OptionalDouble.of(moved), moved + " row(s) moved to quarantine (" + rule.check().threshold() + " per row)"));
      } else if (rule.check() instanceof Check.RowCountAnomaly && firstPublication) {
        outcomes.add(new RuleOutcome(rule, RuleOutcome.Status.PASSED, OptionalDouble.empty(),
            "first publication: no earlier row count to compare with"));
      } else if (rule.check() instanceof Check.LineValidity v) {
        boolean holds = lines.validShare() >= v.min();
        outcomes.add(new RuleOutcome(rule, verdict(rule, holds), OptionalDouble.of(lines.validShare()),
            String.format("%d of %d extract line(s) valid (%.4f), needs %s", lines.read() - lines.quarantined(),
                lines.read(), lines.validShare(), v.threshold())));
      } else if (nothingMeasured && !isTableLevel(rule.check())) {
        outcomes.add(new RuleOutcome(rule, RuleOutcome.Status.PASSED, OptionalDouble.empty(),
            "no rows to publish, nothing to measure (" + rule.check().threshold() + ")"));
      } else {
        RuleOutcome judged = outcome(rule, checks.get(rule.name()), asOfSeconds);
        boolean byConstruction = rule.check() instanceof Check.Uniqueness u && provenKeys.contains(u.columns());
        outcomes.add(byConstruction ? new RuleOutcome(rule, judged.status(), judged.metric(), judged.message()
            + "; unique by construction (the query groups or de-duplicates its rows on these columns)") : judged);
      }
    }
    Dataset<Row> publishable = measured.select(List.of(candidate.columns()).stream().map(c -> col("`" + c + "`"))
        .toArray(Column[]::new));
    return new GateResult(outcomes, publishable, quarantined, tableMetrics, buildPass);
  }

  /** Deequ's metrics of the rows, in one Deequ analysis run; none when no analyzer is asked for. */
  private static AnalyzerContext analyse(Dataset<Row> rows, List<Analyzer<?, Metric<?>>> analyzers) {
    return analyzers.isEmpty() ? AnalyzerContext.empty()
        : AnalysisRunner.onData(rows).addAnalyzers(JavaConverters.asScalaBuffer(analyzers).toSeq()).run();
  }

  /** Whether Deequ computes the analyzer as aggregations in a shared scan (not by grouping the rows). */
  private static boolean scanShareable(Analyzer<?, Metric<?>> analyzer) {
    return analyzer instanceof ScanShareableAnalyzer;
  }

  /** Freshness and volume are properties of the whole table, not of rows. */
  private static boolean isTableLevel(Check check) {
    return check instanceof Check.Freshness || check instanceof Check.RowCount;
  }

  /** Only what the table-level rules read: the epoch seconds of each freshness column. */
  private static Dataset<Row> tableColumns(Dataset<Row> rows, List<Rule> rules, Map<Rule, String> derived) {
    List<Column> columns = new ArrayList<>(List.of(lit(1).as("__meshlake_row")));
    for (Rule rule : rules) {
      if (rule.check() instanceof Check.Freshness f) {
        columns.add(unix_timestamp(col("`" + f.column() + "`").cast(DataTypes.TimestampType)).as(derived.get(rule)));
      }
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Deequ's Size analyzer, typed as a required analyzer (so the row count is stored as history). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> rowCountMetric() {
    return (Analyzer) new Size(Option.empty());
  }

  /** Deequ's Size analyzer, typed as the anomaly check wants it (its metric is a Scala Double, erased to Object). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<NumMatches, Metric<Object>> rowCount() {
    return (Analyzer) new Size(Option.empty());
  }

  private static Dataset<Row> withFound(Dataset<Row> data, String column, Dataset<Row> table, String key,
      String standardColumn, String name) {
    Dataset<Row> keys = standardColumn == null ? table : table.where(col("`" + standardColumn + "`").isNotNull());
    Dataset<Row> found = keys.select(col("`" + key + "`").as(name + "_key")).distinct().withColumn(name, lit(true));
    return data.join(broadcast(found), data.col("`" + column + "`").equalTo(found.col(name + "_key")), "left")
        .drop(name + "_key")
        .withColumn(name, expr("coalesce(`" + name + "`, false)"));
  }

  /** Grouping analyzers not answered by a proof, one list per set of columns (Deequ groups the rows once per set). */
  private static List<List<Analyzer<?, Metric<?>>>> groupings(Set<Analyzer<?, Metric<?>>> analyzers,
      Set<Analyzer<?, Metric<?>>> proven) {
    Map<Set<String>, List<Analyzer<?, Metric<?>>>> bySet = new LinkedHashMap<>();
    for (Analyzer<?, Metric<?>> analyzer : analyzers) {
      if (!scanShareable(analyzer) && !proven.contains(analyzer)) {
        Set<String> columns = ((Object) analyzer) instanceof GroupingAnalyzer<?, ?> g
            ? new TreeSet<>(JavaConverters.seqAsJavaList(g.groupingColumns())) : Set.of();
        bySet.computeIfAbsent(columns, c -> new ArrayList<>()).add(analyzer);
      }
    }
    return List.copyOf(bySet.values());
  }

  /**
   * The quarantined rows counted, and counted per quarantine rule (those whose rules include it); none when
   * the product has no quarantine rule.
   */
  private static List<Analyzer<?, Metric<?>>> quarantineCounts(List<Rule> rules) {
    List<Analyzer<?, Metric<?>>> counts = new ArrayList<>();
    rules.stream().filter(r -> r.action() == Action.QUARANTINE).forEach(r -> counts.add(movedBy(r)));
    if (!counts.isEmpty()) {
      counts.add(rowCountMetric());
    }
    return counts;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> movedBy(Rule rule) {
    return (Analyzer) new Size(Option.apply("array_contains(rules, '" + rule.name() + "')"));
  }

  private static Map<String, Long> quarantinedByRule(AnalyzerContext counts, List<Rule> rules) {
    Map<String, Long> moved = new HashMap<>();
    if (counts.metricMap().isEmpty() || count(counts, rowCountMetric(), "quarantined rows") == 0) {
      return moved; // Deequ has no conditional count over no rows
    }
    for (Rule rule : rules) {
      if (rule.action() == Action.QUARANTINE) {
        moved.put(rule.name(), count(counts, movedBy(rule), "rows " + rule.name() + " moved to quarantine"));
      }
    }
    return moved;
  }

  private static long count(AnalyzerContext counts, Analyzer<?, Metric<?>> size, String what) {
    Metric<?> metric = counts.metricMap().get(size).get();
    if (metric.value().isFailure()) {
      throw new IllegalStateException("Counting the " + what + " failed: " + metric.value().failed().get().getMessage(),
          metric.value().failed().get());
    }
    return ((Number) metric.value().get()).longValue();
  }

  private static RuleOutcome outcome(Rule rule, CheckResult result, long asOfSeconds) {
    boolean holds = result.status() == CheckStatus.Success();
    OptionalDouble metric = OptionalDouble.empty();
    String message = null;
    for (ConstraintResult constraint : JavaConverters.seqAsJavaList(result.constraintResults())) {
      Option<Metric<?>> m = constraint.metric();
      if (m.isDefined() && m.get().value().isSuccess() && m.get().value().get() instanceof Number number) {
        metric = metric.isPresent() && !holds && message != null ? metric : OptionalDouble.of(number.doubleValue());
      } else if (m.isDefined() && m.get().value().isFailure()) {
        message = m.get().value().failed().get().getMessage();
      }
      if (constraint.message().isDefined() && message == null) {
        message = constraint.message().get();
      }
    }
    return new RuleOutcome(rule, verdict(rule, holds), metric, describe(rule, metric, holds, message, asOfSeconds));
  }

  private static RuleOutcome.Status verdict(Rule rule, boolean holds) {
    if (holds) {
      return RuleOutcome.Status.PASSED;
    }
    return rule.action() == Action.FAIL ? RuleOutcome.Status.FAILED : RuleOutcome.Status.WARNED;
  }

  private static String describe(Rule rule, OptionalDouble metric, boolean holds, String deequMessage, long asOfSeconds) {
    String threshold = rule.check().threshold();
    if (metric.isEmpty()) {
      return (holds ? "holds" : "could not be measured: " + deequMessage) + " (" + threshold + ")";
    }
    double value = metric.getAsDouble();
    String measured;
    if (rule.check() instanceof Check.Freshness f) {
      long age = asOfSeconds - (long) value;
      measured = "newest " + f.column() + " is " + Durations.format(java.time.Duration.ofSeconds(Math.max(0, age)))
          + (age < 0 ? " after" : " before") + " as-of";
    } else if (rule.check() instanceof Check.RowCount || rule.check() instanceof Check.RowCountAnomaly) {
      measured = String.format("%,d rows", (long) value);
    } else {
      measured = String.format("measured %.4f", value);
    }
    return measured + (holds ? ", meets " : ", needs ") + threshold;
  }
}

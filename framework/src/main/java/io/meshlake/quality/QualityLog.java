package io.meshlake.quality;

import io.meshlake.api.TableId;
import io.meshlake.table.DeltaTableStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The platform table {@code meshlake_platform.quality_results}: one row per rule per gated
 * publication of every run, with Deequ's metric, the verdict and whether the product was published.
 */
public final class QualityLog {
  /** The table's name in the platform namespace. */
  public static final String TABLE = "quality_results";

  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("product", DataTypes.StringType, false),
      DataTypes.createStructField("domain", DataTypes.StringType, false),
      DataTypes.createStructField("rule", DataTypes.StringType, false),
      DataTypes.createStructField("kind", DataTypes.StringType, false),
      DataTypes.createStructField("level", DataTypes.StringType, false),
      DataTypes.createStructField("action", DataTypes.StringType, false),
      DataTypes.createStructField("slo", DataTypes.StringType, true),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("metric", DataTypes.DoubleType, true),
      DataTypes.createStructField("threshold", DataTypes.StringType, false),
      DataTypes.createStructField("message", DataTypes.StringType, false),
      DataTypes.createStructField("source", DataTypes.StringType, false),
      DataTypes.createStructField("published", DataTypes.BooleanType, false),
      DataTypes.createStructField("checked_at", DataTypes.TimestampType, false)));

  /**
   * The gate's verdict on one product in one run.
   *
   * @param gateTime how long the gate took beyond the build pass (which computes the candidate and its scan metrics together)
   */
  public record Entry(String runId, TableId product, String source, List<RuleOutcome> outcomes, boolean published,
      Instant checkedAt, java.time.Duration gateTime) {
    public Entry {
      outcomes = List.copyOf(outcomes);
    }
  }

  private final DeltaTableStore store;

  public QualityLog(DeltaTableStore store) {
    this.store = store;
  }

  /** Appends the verdicts of a run in one commit. */
  public void record(List<Entry> entries) {
    List<Row> rows = new ArrayList<>();
    for (Entry entry : entries) {
      for (RuleOutcome o : entry.outcomes()) {
        Rule rule = o.rule();
        rows.add(RowFactory.create(entry.runId(), entry.product().qualifiedName(), entry.product().domain(), rule.name(),
            kind(rule.check()), rule.level().label(), rule.action().label(), rule.slo().map(s -> s.label()).orElse(null),
            o.status().name(), o.metric().isPresent() ? o.metric().getAsDouble() : null, rule.check().threshold(),
            o.message(), rule.line() > 0 ? entry.source() + ":" + rule.line() : "contract", entry.published(),
            Timestamp.from(entry.checkedAt())));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    if (!store.exists(io.meshlake.run.RunLog.NAMESPACE, TABLE)) {
      store.create(io.meshlake.run.RunLog.NAMESPACE, TABLE, SCHEMA, List.of(),
          "One row per quality rule per gated publication of every meshlake run", Map.of());
    }
    store.spark().createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode("append")
        .save(store.location(io.meshlake.run.RunLog.NAMESPACE, TABLE));
  }

  /**
   * Writes the run's HTML report to {@code <warehouse>/meshlake_platform/quality_reports/<run>.html}.
   *
   * @return where it was written
   */
  public String writeReport(String runId, List<Entry> entries) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(
        store.location(io.meshlake.run.RunLog.NAMESPACE, "quality_reports/" + runId + ".html"));
    try (var out = path.getFileSystem(store.spark().sparkContext().hadoopConfiguration()).create(path, true)) {
      out.write(QualityReport.html(runId, entries).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot write the quality report " + path, e);
    }
    return path.toString();
  }

  /** Every recorded verdict, or empty when no product was ever gated. */
  public Dataset<Row> read() {
    String location = store.location(io.meshlake.run.RunLog.NAMESPACE, TABLE);
    return store.exists(io.meshlake.run.RunLog.NAMESPACE, TABLE)
        ? store.spark().read().format("delta").load(location)
        : store.spark().createDataFrame(List.of(), SCHEMA);
  }

  /** A check's kind as rule files name it, e.g. {@code value_set}. */
  public static String kind(Check check) {
    if (check instanceof Check.Uniqueness u && u.primaryKey()) {
      return "primary_key";
    }
    return check.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}

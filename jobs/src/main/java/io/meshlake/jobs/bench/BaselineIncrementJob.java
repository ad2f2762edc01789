package io.meshlake.jobs.bench;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's floor for an incremental run: a lean, hand-written Spark job that does only the work the
 * new files need, on the warehouse {@link BaselineJob} wrote. It is told which files are new (no discovery),
 * appends their rows to bronze, MERGEs them into silver on the silver keys, replaces the per-member gold rows
 * of the members those rows name ({@code replaceWhere member_id IN (...)}), and MERGEs payer_pmpm's rows for
 * the payer-months those members touch. Like the baseline it has no quarantine, run log, checks, governance or
 * idempotency, and it handles additions only; it stands for the least a Delta job must spend per increment:
 * one commit per table and the first write and MERGE of the JVM.
 */
final class BaselineIncrementJob {
  /** The step that lists the members the new files name. */
  static final String CHANGED_MEMBERS = "changed members";

  private final SparkSession spark;
  private final String extract;
  private final String warehouse;
  private final String part;
  private final Timestamp now = Timestamp.from(Instant.now());
  private final StepTimes times;

  /**
   * @param part the new files' part name: {@code patients.<part>.csv} and so on
   */
  BaselineIncrementJob(SparkSession spark, String extract, String warehouse, String part, StepTimes times) {
    this.spark = spark;
    this.extract = extract;
    this.warehouse = warehouse;
    this.part = part;
    this.times = times;
  }

  /** Runs the increment, timing each table's step. */
  void run() {
    for (BaselineJob.Bronze bronze : BaselineJob.BRONZE) {
      times.time(bronze.table(), () -> newRows(bronze).write().format("delta").mode("append")
          .save(path(bronze.table())));
    }
    Map<String, BaselineJob.Bronze> bronzeByTable = BaselineJob.BRONZE.stream()
        .collect(Collectors.toMap(BaselineJob.Bronze::table, b -> b));
    for (BaselineJob.Silver silver : BaselineJob.SILVER) {
      times.time(silver.table(), () -> {
        newRows(bronzeByTable.get(silver.source())).createOrReplaceTempView("source");
        BaselineJob.latest(spark, "source", silver.keys());
        String on = String.join(" AND ", Arrays.stream(silver.mergeOn()).map(k -> "t." + k + " = s." + k).toList());
        DeltaTable.forPath(spark, path(silver.table())).as("t").merge(spark.sql(silver.select()).as("s"), on)
            .whenMatched().updateAll().whenNotMatched().insertAll().execute();
      });
    }
    String members = times.time(CHANGED_MEMBERS, () -> newMembers().stream().map(m -> "'" + m + "'")
        .collect(Collectors.joining(", ")));
    for (BaselineJob.Gold gold : BaselineJob.PER_MEMBER) {
      times.time(gold.table(), () -> {
        String predicate = "member_id IN (" + members + ")";
        for (String input : gold.inputs()) {
          spark.read().format("delta").load(path(input)).where(predicate).createOrReplaceTempView(input);
        }
        spark.sql(gold.sql()).write().format("delta").mode("overwrite").option("replaceWhere", predicate)
            .save(path(gold.table()));
      });
    }
    times.time(BaselineJob.PAYER_PMPM.table(), () -> payerPmpm(members));
  }

  /** payer_pmpm recomputed for the payer-months the changed members have rows in, merged on payer and month. */
  private void payerPmpm(String members) {
    spark.sql("SELECT DISTINCT payer_id, month FROM ("
        + " SELECT payer_id, service_month AS month FROM delta.`" + path("payments_by_member_month") + "`"
        + "   WHERE member_id IN (" + members + ")"
        + " UNION ALL SELECT payer_id, coverage_month AS month FROM delta.`" + path("member_months") + "`"
        + "   WHERE member_id IN (" + members + "))").createOrReplaceTempView("touched");
    spark.sql("SELECT p.* FROM delta.`" + path("payments_by_member_month") + "` p"
        + " LEFT SEMI JOIN touched t ON t.payer_id = p.payer_id AND t.month = p.service_month")
        .createOrReplaceTempView("payments_by_member_month");
    spark.sql("SELECT m.* FROM delta.`" + path("member_months") + "` m"
        + " LEFT SEMI JOIN touched t ON t.payer_id = m.payer_id AND t.month = m.coverage_month")
        .createOrReplaceTempView("member_months");
    DeltaTable.forPath(spark, path(BaselineJob.PAYER_PMPM.table())).as("t")
        .merge(spark.sql(BaselineJob.PAYER_PMPM.sql()).as("s"), "t.payer_id = s.payer_id AND t.month = s.month")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
  }

  /** The members the new files name. */
  private List<String> newMembers() {
    Dataset<Row> named = null;
    for (BaselineJob.Bronze bronze : BaselineJob.BRONZE) {
      Dataset<Row> rows = newRows(bronze).select(bronze.member());
      named = named == null ? rows : named.union(rows);
    }
    return named.distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private Dataset<Row> newRows(BaselineJob.Bronze bronze) {
    return BaselineJob.read(spark, bronze, extract + "/" + bronze.file() + "." + part + ".csv", now, "baseline-" + part);
  }

  private String path(String table) {
    return warehouse + "/" + table;
  }
}

package io.meshlake.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import io.meshlake.sources.SyntheaCsv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's baseline: a lean, hand-written Spark job doing the same reads, transforms and writes
 * as the member and claims domains' full run, the way one would write it without a framework (CSV
 * reader with a schema dropping malformed rows, window deduplication, overwrite writes, the same gold
 * SQL). It has no quarantine, run log, idempotency or isolation.
 */
final class BaselineJob {
  /** The domains whose full run this job stands for; the benchmark runs only these in meshlake too. */
  static final List<String> DOMAINS = List.of("member", "claims");

  private final SparkSession spark;
  private final String extract;
  private final String warehouse;
  private final Timestamp now = Timestamp.from(Instant.now());

  private final StepTimes times;

  BaselineJob(SparkSession spark, String extract, String warehouse, StepTimes times) {
    this.spark = spark;
    this.times = times;
    this.extract = extract;
    this.warehouse = warehouse;
  }

  /**
   * A bronze table of the baseline: the extract file it reads, that file's schema and the column naming the
   * member.
   */
  record Bronze(String table, String file, StructType schema, String member) {}

  /**
   * A silver table of the baseline: the bronze table it reads, the bronze keys it deduplicates on, its select
   * and the silver keys an increment merges on.
   */
  record Silver(String table, String source, String keys, String select, String... mergeOn) {}

  /** A gold table of the baseline (or the silver rollup payer_pmpm reads): its SQL resource and inputs. */
  record Gold(String table, String sqlResource, String... inputs) {
    String sql() {
      return resource("meshlake/" + sqlResource);
    }
  }

  static final List<Bronze> BRONZE = List.of(
      new Bronze("patients_raw", "patients", SyntheaCsv.PATIENTS.schema(), "id"),
      new Bronze("payer_transitions_raw", "payer_transitions", SyntheaCsv.PAYER_TRANSITIONS.schema(), "patient"),
      new Bronze("claims_raw", "claims", SyntheaCsv.CLAIMS.schema(), "patientid"),
      new Bronze("claims_transactions_raw", "claims_transactions", SyntheaCsv.CLAIMS_TRANSACTIONS.schema(), "patientid"));

  static final List<Silver> SILVER = List.of(
      new Silver("member_records", "patients_raw", "id", "SELECT id AS member_id, birthdate AS birth_date,"
          + " deathdate AS death_date, first AS first_name, last AS last_name, gender, race, ethnicity,"
          + " marital AS marital_status, ssn, address, city, state, county, zip, lat, lon FROM latest", "member_id"),
      new Silver("enrollment_spans", "payer_transitions_raw", "patient, start_year, payer", "SELECT patient AS member_id,"
          + " start_year AS coverage_start, end_year AS coverage_end, payer AS payer_id,"
          + " secondary_payer AS secondary_payer_id, memberid AS plan_member_id, ownership, _ingested_at AS valid_from,"
          + " CAST(NULL AS TIMESTAMP) AS valid_to, true AS is_current FROM latest", "member_id", "coverage_start", "payer_id"),
      new Silver("claims", "claims_raw", "id", "SELECT id AS claim_id, patientid AS member_id, providerid AS provider_id,"
          + " CASE WHEN primarypatientinsuranceid = '0' THEN NULL ELSE primarypatientinsuranceid END AS primary_payer_id,"
          + " CASE WHEN secondarypatientinsuranceid = '0' THEN NULL ELSE secondarypatientinsuranceid END AS secondary_payer_id,"
          + " servicedate AS service_date, trunc(to_date(servicedate), 'MM') AS service_month, status1 AS primary_status,"
          + " healthcareclaimtypeid1 AS primary_claim_type, array_compact(array(diagnosis1, diagnosis2, diagnosis3,"
          + " diagnosis4, diagnosis5, diagnosis6, diagnosis7, diagnosis8)) AS diagnosis_codes, 'csv' AS source FROM latest",
          "claim_id"),
      new Silver("claim_lines", "claims_transactions_raw", "id", "SELECT id AS line_id, claimid AS claim_id,"
          + " chargeid AS charge_id, patientid AS member_id, type AS transaction_type, amount, method AS payment_method,"
          + " fromdate AS from_date, todate AS to_date, trunc(to_date(fromdate), 'MM') AS service_month,"
          + " procedurecode AS procedure_code, units, unitamount AS unit_amount, payments, adjustments, transfers,"
          + " outstanding, placeofservice AS place_of_service, providerid AS provider_id, 'csv' AS source FROM latest", "line_id"));

  /** Per-member gold tables (and the per-member rollup), in build order. */
  static final List<Gold> PER_MEMBER = List.of(
      new Gold("members", "member/gold/members.sql", "member_records"),
      new Gold("enrollment", "member/gold/enrollment.sql", "enrollment_spans", "member_records"),
      new Gold("member_months", "member/gold/member_months.sql", "enrollment_spans"),
      new Gold("member_month_costs", "claims/gold/member_month_costs.sql", "claim_lines"),
      new Gold("payments_by_member_month", "claims/silver/payments_by_member_month.sql", "claim_lines", "claims"));

  /** The per-payer rollup over two per-member tables. */
  static final Gold PAYER_PMPM = new Gold("payer_pmpm", "claims/gold/payer_pmpm.sql", "payments_by_member_month",
      "member_months");

  /** Runs the job, timing each table's step. */
  void run() {
    BRONZE.forEach(b -> times.time(b.table(), () -> bronze(b)));
    SILVER.forEach(s -> times.time(s.table(), () -> silver(s)));
    PER_MEMBER.forEach(g -> times.time(g.table(), () -> gold(g)));
    times.time(PAYER_PMPM.table(), () -> gold(PAYER_PMPM));
  }

  private void bronze(Bronze bronze) {
    read(spark, bronze, extract + "/" + bronze.file() + ".*csv", now, "baseline")
        .write().format("delta").mode("overwrite").save(path(bronze.table()));
  }

  /** The rows of an extract's CSV files as the baseline's bronze keeps them, malformed rows dropped. */
  static Dataset<Row> read(SparkSession spark, Bronze bronze, String files, Timestamp now, String runId) {
    return spark.read().option("header", "true").option("mode", "DROPMALFORMED").schema(bronze.schema())
        .csv(files)
        .withColumn("_source_file", input_file_name())
        .withColumn("_ingest_run_id", lit(runId))
        .withColumn("_ingested_at", lit(now));
  }

  private void silver(Silver silver) {
    spark.read().format("delta").load(path(silver.source())).createOrReplaceTempView("source");
    latest(spark, "source", silver.keys());
    spark.sql(silver.select()).write().format("delta").mode("overwrite").save(path(silver.table()));
  }

  /** Registers view {@code latest}: the newest row per key of view {@code source}. */
  static void latest(SparkSession spark, String source, String keys) {
    spark.table(source)
        .selectExpr("*", "row_number() OVER (PARTITION BY " + keys + " ORDER BY _ingested_at DESC, _source_file DESC) AS rn")
        .where(col("rn").equalTo(1))
        .createOrReplaceTempView("latest");
  }

  private void gold(Gold gold) {
    for (String input : gold.inputs()) {
      spark.read().format("delta").load(path(input)).createOrReplaceTempView(input);
    }
    spark.sql(gold.sql()).write().format("delta").mode("overwrite").save(path(gold.table()));
  }

  private String path(String table) {
    return warehouse + "/" + table;
  }

  private static String resource(String name) {
    try (InputStream in = BaselineJob.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

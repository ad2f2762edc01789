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
  static final java.util.List<String> DOMAINS = java.util.List.of("member", "claims");

  private final SparkSession spark;
  private final String extract;
  private final String warehouse;
  private final Timestamp now = Timestamp.from(Instant.now());

  BaselineJob(SparkSession spark, String extract, String warehouse) {
    this.spark = spark;
    this.extract = extract;
    this.warehouse = warehouse;
  }

  void run() {
    bronze("patients_raw", "patients", SyntheaCsv.PATIENTS.schema());
    bronze("payer_transitions_raw", "payer_transitions", SyntheaCsv.PAYER_TRANSITIONS.schema());
    bronze("claims_raw", "claims", SyntheaCsv.CLAIMS.schema());
    bronze("claims_transactions_raw", "claims_transactions", SyntheaCsv.CLAIMS_TRANSACTIONS.schema());

    silver("member_records", "SELECT id AS member_id, birthdate AS birth_date, deathdate AS death_date, first AS first_name,"
        + " last AS last_name, gender, race, ethnicity, marital AS marital_status, ssn, address, city, state, county, zip,"
        + " lat, lon FROM latest", "patients_raw", "id");
    silver("enrollment_spans", "SELECT patient AS member_id, start_year AS coverage_start, end_year AS coverage_end,"
        + " payer AS payer_id, secondary_payer AS secondary_payer_id, memberid AS plan_member_id, ownership,"
        + " _ingested_at AS valid_from, CAST(NULL AS TIMESTAMP) AS valid_to, true AS is_current FROM latest",
        "payer_transitions_raw", "patient, start_year, payer");
    silver("claims", "SELECT id AS claim_id, patientid AS member_id, providerid AS provider_id,"
        + " CASE WHEN primarypatientinsuranceid = '0' THEN NULL ELSE primarypatientinsuranceid END AS primary_payer_id,"
        + " CASE WHEN secondarypatientinsuranceid = '0' THEN NULL ELSE secondarypatientinsuranceid END AS secondary_payer_id,"
        + " servicedate AS service_date, trunc(to_date(servicedate), 'MM') AS service_month, status1 AS primary_status,"
        + " healthcareclaimtypeid1 AS primary_claim_type, array_compact(array(diagnosis1, diagnosis2, diagnosis3,"
        + " diagnosis4, diagnosis5, diagnosis6, diagnosis7, diagnosis8)) AS diagnosis_codes, 'csv' AS source FROM latest",
        "claims_raw", "id");
    silver("claim_lines", "SELECT id AS line_id, claimid AS claim_id, chargeid AS charge_id, patientid AS member_id,"
        + " type AS transaction_type, amount, method AS payment_method, fromdate AS from_date, todate AS to_date,"
        + " trunc(to_date(fromdate), 'MM') AS service_month, procedurecode AS procedure_code, units,"
        + " unitamount AS unit_amount, payments, adjustments, transfers, outstanding, placeofservice AS place_of_service,"
        + " providerid AS provider_id, 'csv' AS source FROM latest", "claims_transactions_raw", "id");

    gold("enrollment", "member/gold/enrollment.sql", "enrollment_spans", "member_records");
    gold("member_months", "member/gold/member_months.sql", "enrollment_spans");
    gold("member_month_costs", "claims/gold/member_month_costs.sql", "claim_lines");
    gold("payments_by_member_month", "claims/silver/payments_by_member_month.sql", "claim_lines", "claims");
    gold("payer_pmpm", "claims/gold/payer_pmpm.sql", "payments_by_member_month", "member_months");
  }

  private void bronze(String table, String file, StructType schema) {
    spark.read().option("header", "true").option("mode", "DROPMALFORMED").schema(schema)
        .csv(extract + "/" + file + ".*csv")
        .withColumn("_source_file", input_file_name())
        .withColumn("_ingest_run_id", lit("baseline"))
        .withColumn("_ingested_at", lit(now))
        .write().format("delta").mode("overwrite").save(path(table));
  }

  private void silver(String table, String select, String source, String keys) {
    spark.read().format("delta").load(path(source))
        .selectExpr("*", "row_number() OVER (PARTITION BY " + keys + " ORDER BY _ingested_at DESC, _source_file DESC) AS rn")
        .where(col("rn").equalTo(1))
        .createOrReplaceTempView("latest");
    spark.sql(select).write().format("delta").mode("overwrite").save(path(table));
  }

  private void gold(String table, String sqlResource, String... inputs) {
    for (String input : inputs) {
      spark.read().format("delta").load(path(input)).createOrReplaceTempView(input);
    }
    spark.sql(resource("meshlake/" + sqlResource)).write().format("delta").mode("overwrite").save(path(table));
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

package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks the gold products a run wrote into a warehouse against values computed here from the extract's
 * raw CSV with plain Java (not from meshlake's own output). The extract must have no malformed rows.
 */
final class GoldChecks {
  private GoldChecks() {}

  static void assertGoldMatchesExtract(SparkSession spark, Path warehouse, Path extract) {
    List<Map<String, String>> transitions = RawCsv.read(extract.resolve("payer_transitions.csv"));
    List<Map<String, String>> transactions = RawCsv.read(extract.resolve("claims_transactions.csv"));

    Row enrollment = spark.read().format("delta").load(warehouse.resolve("member_gold/enrollment").toString())
        .selectExpr("count(DISTINCT member_id)").first();
    assertThat(enrollment.getLong(0)).as("members in member_gold.enrollment")
        .isEqualTo(transitions.stream().map(r -> r.get("PATIENT")).distinct().count());

    Row costs = spark.read().format("delta").load(warehouse.resolve("claims_gold/member_month_costs").toString())
        .selectExpr("count(*)", "sum(charges)").first();
    assertThat(costs.getLong(0)).as("member months with claims in claims_gold.member_month_costs").isEqualTo(
        transactions.stream().map(t -> t.get("PATIENTID") + "|" + month(t.get("FROMDATE"))).distinct().count());
    assertThat(costs.getDecimal(1)).as("charges in claims_gold.member_month_costs").isEqualByComparingTo(
        transactions.stream().filter(t -> t.get("TYPE").equals("CHARGE")).map(t -> new BigDecimal(t.get("AMOUNT")))
            .reduce(BigDecimal.ZERO, BigDecimal::add));

    long pmpm = spark.read().format("delta").load(warehouse.resolve("claims_gold/payer_pmpm").toString()).count();
    assertThat(pmpm).as("rows of claims_gold.payer_pmpm").isPositive();
  }

  private static YearMonth month(String isoInstant) {
    return YearMonth.from(ZonedDateTime.parse(isoInstant).withZoneSameInstant(ZoneOffset.UTC));
  }
}

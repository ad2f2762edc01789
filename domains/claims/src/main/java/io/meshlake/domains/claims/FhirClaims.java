package io.meshlake.domains.claims;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.meshlake.api.TransformContext;
import io.meshlake.api.ViewTransform;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Claims and claim lines from FHIR: ExplanationOfBenefit resources (adjudicated claims, source {@code eob})
 * and Claim resources (claims as billed, source {@code claim}), in Synthea's and Blue Button 2.0's shapes,
 * read through the views in {@code views/}. A FHIR claim gives claim-level transactions: one CHARGE line
 * (the total submitted charge, else the sum of the items' charges) and, once adjudicated, one PAYMENT line
 * (the amount paid, posted when adjudicated). Member ids come from the Patient resources ({@code
 * fhir_members}), so they match the CSV extract's patient ids.
 */
final class FhirClaims {
  private static final ViewTransform ADJUDICATED =
      ViewTransform.load("claims", "views/explanation_of_benefit.json", "eobs_raw");
  private static final ViewTransform BILLED = ViewTransform.load("claims", "views/claim.json", "fhir_claims_raw");
  private static final String MONEY = "decimal(18,2)";

  private FhirClaims() {}

  /** One row per FHIR claim and source, in the columns of the silver claims. */
  static Dataset<Row> claims(TransformContext context) {
    Dataset<Row> claims = resources(context);
    return claims.select(
        col("claim_id"),
        col("member_id"),
        col("provider_id"),
        col("payer_id").as("primary_payer_id"),
        lit(null).cast(DataTypes.StringType).as("secondary_payer_id"),
        col("service_date"),
        serviceMonth().as("service_month"),
        col("status").as("primary_status"),
        when(col("claim_type").equalTo("professional"), 1).when(col("claim_type").equalTo("institutional"), 2)
            .cast(DataTypes.IntegerType).as("primary_claim_type"),
        coalesce(col("diagnosis_codes"), expr("array()").cast("array<string>")).as("diagnosis_codes"),
        col("source"));
  }

  /** The CHARGE and PAYMENT lines of the FHIR claims, in the columns of the silver claim lines. */
  static Dataset<Row> lines(TransformContext context) {
    Dataset<Row> claims = resources(context);
    Column charge = coalesce(col("total_charge").cast(MONEY),
        expr("aggregate(item_charges, CAST(NULL AS DECIMAL(38,2)),"
            + " (sum, c) -> CAST(coalesce(sum, 0) + CAST(c AS DECIMAL(38,2)) AS DECIMAL(38,2)))")
            .cast(MONEY));
    Dataset<Row> charges = line(claims.where(charge.isNotNull()), "CHARGE", charge, lit(null), lit(null));
    Dataset<Row> payments = line(claims.where(col("payment").isNotNull()), "PAYMENT", lit(null),
        col("payment").cast(MONEY), col("adjudicated").cast(DataTypes.TimestampType));
    return charges.unionByName(payments);
  }

  private static Dataset<Row> line(Dataset<Row> claims, String type, Column amount, Column payments, Column postedAt) {
    return claims.select(
        concat_ws("/", col("source"), col("resource_id"), lit(type.toLowerCase(java.util.Locale.ROOT))).as("line_id"),
        col("claim_id"),
        lit(null).cast(DataTypes.LongType).as("charge_id"),
        col("member_id"),
        lit(type).as("transaction_type"),
        amount.cast(MONEY).as("amount"),
        lit(null).cast(DataTypes.StringType).as("payment_method"),
        col("service_date").as("from_date"),
        postedAt.cast(DataTypes.TimestampType).as("to_date"),
        serviceMonth().as("service_month"),
        col("procedure_code"),
        lit(null).cast(DataTypes.IntegerType).as("units"),
        lit(null).cast(MONEY).as("unit_amount"),
        payments.cast(MONEY).as("payments"),
        lit(null).cast(MONEY).as("adjustments"),
        lit(null).cast(MONEY).as("transfers"),
        lit(null).cast(MONEY).as("outstanding"),
        col("place_of_service"),
        col("provider_id"),
        col("source"));
  }

  /** Both views' rows with their source, claim id, member id, payer and service date. */
  private static Dataset<Row> resources(TransformContext context) {
    Dataset<Row> all = ADJUDICATED.apply(context).withColumn("source", lit("eob"))
        .unionByName(BILLED.apply(context).withColumn("source", lit("claim")));
    Dataset<Row> members = context.input("fhir_members").select(col("patient_id").as("member_of"), col("member_id"));
    Column payer = coalesce(col("payer_id"), col("payer_identifier"), col("payer_display"), col("coverage_display"));
    return all.join(members, all.col("patient_id").equalTo(members.col("member_of")), "left")
        .withColumn("member_id", coalesce(col("member_id"), col("patient_id")))
        .withColumn("claim_id", coalesce(col("claim_id"), col("resource_id")))
        .withColumn("payer_id", when(payer.equalTo("NO_INSURANCE"), null).otherwise(payer))
        .withColumn("service_date", col("billable_start").cast(DataTypes.TimestampType));
  }

  private static Column serviceMonth() {
    return trunc(to_date(col("service_date")), "MM");
  }
}

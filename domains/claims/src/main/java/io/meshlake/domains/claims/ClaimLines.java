package io.meshlake.domains.claims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;

import io.meshlake.api.Deduplicate;
import io.meshlake.api.TransformContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver claim lines: one row per transaction, from Synthea claim transactions (source {@code csv}) and the
 * claim-level transactions of FHIR claims ({@link FhirClaims}).
 */
final class ClaimLines {
  private ClaimLines() {}

  /** The transactions of the CSV extract and of the FHIR resources. */
  static Dataset<Row> fromCsvAndFhir(TransformContext context) {
    return fromSyntheaTransactions(context).unionByName(FhirClaims.lines(context));
  }

  private static Dataset<Row> fromSyntheaTransactions(TransformContext context) {
    return Deduplicate.latestArrival(context.input("claims_transactions_raw"), "id").select(
        col("id").as("line_id"),
        col("claimid").as("claim_id"),
        col("chargeid").as("charge_id"),
        col("patientid").as("member_id"),
        col("type").as("transaction_type"),
        col("amount"),
        col("method").as("payment_method"),
        col("fromdate").as("from_date"),
        col("todate").as("to_date"),
        trunc(to_date(col("fromdate")), "MM").as("service_month"),
        col("procedurecode").as("procedure_code"),
        col("units"),
        col("unitamount").as("unit_amount"),
        col("payments"),
        col("adjustments"),
        col("transfers"),
        col("outstanding"),
        col("placeofservice").as("place_of_service"),
        col("providerid").as("provider_id"),
        lit("csv").as("source"));
  }
}

package io.meshlake.domains.claims;

import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.meshlake.api.Deduplicate;
import io.meshlake.api.TransformContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver claims: one row per claim and source, from Synthea claim headers (source {@code csv}) and FHIR. */
final class Claims {
  private Claims() {}

  /** The claims of the CSV extract and of the FHIR resources. */
  static Dataset<Row> fromCsvAndFhir(TransformContext context) {
    return fromSynthea(context).unionByName(FhirClaims.claims(context));
  }

  private static Dataset<Row> fromSynthea(TransformContext context) {
    return Deduplicate.latestArrival(context.input("claims_raw"), "id").select(
        col("id").as("claim_id"),
        col("patientid").as("member_id"),
        col("providerid").as("provider_id"),
        payer(col("primarypatientinsuranceid")).as("primary_payer_id"),
        payer(col("secondarypatientinsuranceid")).as("secondary_payer_id"),
        col("servicedate").as("service_date"),
        trunc(to_date(col("servicedate")), "MM").as("service_month"),
        col("status1").as("primary_status"),
        col("healthcareclaimtypeid1").as("primary_claim_type"),
        array_compact(array(col("diagnosis1"), col("diagnosis2"), col("diagnosis3"), col("diagnosis4"),
            col("diagnosis5"), col("diagnosis6"), col("diagnosis7"), col("diagnosis8"))).as("diagnosis_codes"),
        lit("csv").as("source"));
  }

  /** Synthea writes "0" for "no insurance". */
  private static Column payer(Column id) {
    return when(id.isNull().or(id.equalTo("0")), null).otherwise(id);
  }
}

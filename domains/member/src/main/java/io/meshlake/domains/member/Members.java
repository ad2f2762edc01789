package io.meshlake.domains.member;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.Deduplicate;
import io.meshlake.api.TransformContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver members: Synthea patients renamed to the member vocabulary, one row per member. */
final class Members {
  private Members() {}

  static Dataset<Row> fromPatients(TransformContext context) {
    return Deduplicate.latestArrival(context.input("patients_raw"), "id").select(
        col("id").as("member_id"),
        col("birthdate").as("birth_date"),
        col("deathdate").as("death_date"),
        col("first").as("first_name"),
        col("last").as("last_name"),
        col("gender"),
        col("race"),
        col("ethnicity"),
        col("marital").as("marital_status"),
        col("ssn"),
        col("address"),
        col("city"),
        col("state"),
        col("county"),
        col("zip"),
        col("lat"),
        col("lon"));
  }
}

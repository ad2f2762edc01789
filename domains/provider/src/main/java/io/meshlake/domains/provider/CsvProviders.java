package io.meshlake.domains.provider;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.Deduplicate;
import io.meshlake.api.TransformContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver providers and organizations from the Synthea CSV extract, renamed to the directory's vocabulary. */
final class CsvProviders {
  private CsvProviders() {}

  static Dataset<Row> providers(TransformContext context) {
    return Deduplicate.latestArrival(context.input("providers_raw"), "id").select(
        col("id").as("provider_id"),
        col("npi"),
        col("name"),
        col("gender"),
        col("speciality").as("specialty"),
        col("organization").as("organization_id"),
        col("address").as("address_line"),
        col("city"),
        col("state"),
        col("zip").as("postal_code"),
        col("lat").as("latitude"),
        col("lon").as("longitude"));
  }

  static Dataset<Row> organizations(TransformContext context) {
    return Deduplicate.latestArrival(context.input("csv_organizations_raw"), "id").select(
        col("id").as("organization_id"),
        col("name"),
        col("address").as("address_line"),
        col("city"),
        col("state"),
        col("zip").as("postal_code"),
        col("phone"),
        col("lat").as("latitude"),
        col("lon").as("longitude"));
  }
}

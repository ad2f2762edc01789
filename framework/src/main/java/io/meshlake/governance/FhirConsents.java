package io.meshlake.governance;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns FHIR R4 Consent resources into consent rows for {@link ConsentFilter}, with one
 * {@code from_json} parse per resource:
 *
 * <ul>
 *   <li>only {@code Consent} resources with status {@code active} and a {@code provision.type} count;
 *   <li>{@code member_id} is the id of {@code patient.reference} ({@code Patient/123},
 *       {@code https://…/Patient/123/_history/2} → {@code 123});
 *   <li>one row per {@code provision.purpose} code; without one, per {@code category} coding code;
 *       without either, one row with a null purpose (every purpose);
 *   <li>{@code decision} is {@code provision.type}; {@code effective_from}/{@code effective_to} are the
 *       dates of {@code provision.period}; {@code recorded_at} is {@code dateTime}, else
 *       {@code meta.lastUpdated}.
 * </ul>
 */
public final class FhirConsents {
  private static final String CODINGS = "ARRAY<STRUCT<system: STRING, code: STRING>>";
  private static final StructType CONSENT = StructType.fromDDL(
      "resourceType STRING, status STRING, dateTime STRING, meta STRUCT<lastUpdated: STRING>, "
          + "patient STRUCT<reference: STRING>, category ARRAY<STRUCT<coding: " + CODINGS + ">>, "
          + "provision STRUCT<type: STRING, period: STRUCT<start: STRING, end: STRING>, purpose: " + CODINGS + ">");

  private FhirConsents() {}

  /**
   * Consent rows ({@link ConsentFilter#CONSENT_SCHEMA}) from a Dataset whose column {@code resource}
   * holds FHIR resources as JSON.
   *
   * @throws IllegalArgumentException when there is no {@code resource} column
   */
  public static Dataset<Row> toConsentRows(Dataset<Row> resources) {
    Columns.require(resources, "resource", "read FHIR Consents from");
    Column consent = from_json(resources.col("resource"), CONSENT);
    Column purposeCodes = col("c.provision.purpose.code");
    Column categoryCodes = flatten(transform(col("c.category"), category -> category.getField("coding").getField("code")));
    Column purposes = when(size(purposeCodes).gt(0), purposeCodes)
        .when(size(categoryCodes).gt(0), categoryCodes)
        .otherwise(array(lit(null).cast(DataTypes.StringType)));
    Column memberId = regexp_extract(col("c.patient.reference"), "(?:^|/)Patient/([^/]+)(?:/_history/[^/]+)?$", 1);
    return resources.select(consent.as("c"))
        .where(col("c.resourceType").equalTo("Consent").and(col("c.status").equalTo("active"))
            .and(col("c.provision.type").isNotNull()))
        .select(
            memberId.as("member_id"),
            explode_outer(purposes).as("purpose"),
            lower(col("c.provision.type")).as("decision"),
            to_date(substring(col("c.provision.period.start"), 1, 10)).as("effective_from"),
            to_date(substring(col("c.provision.period.end"), 1, 10)).as("effective_to"),
            coalesce(col("c.dateTime"), col("c.meta.lastUpdated")).cast(DataTypes.TimestampType).as("recorded_at"))
        .where(col("member_id").notEqual(""));
  }
}

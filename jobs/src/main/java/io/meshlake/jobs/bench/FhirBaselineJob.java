package io.meshlake.jobs.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The FHIR benchmark's baseline: what one would write without a framework to get the clinical domain's
 * silver tables from Bulk NDJSON — Spark's JSON reader (schema inferred) and a select per resource type of
 * the same columns the clinical views give, written to Delta. No HAPI validation, quarantine, latest-version
 * deduplication, run log or idempotency; the selects name the elements the generated extract has.
 */
final class FhirBaselineJob {
  /** Per resource type, the select that stands for its view. */
  static final Map<String, List<String>> SELECTS = selects();

  private final SparkSession spark;
  private final String extract;
  private final String warehouse;

  FhirBaselineJob(SparkSession spark, String extract, String warehouse) {
    this.spark = spark;
    this.extract = extract;
    this.warehouse = warehouse;
  }

  /** Reads, selects and writes every type; returns the resources read. */
  long run() {
    long resources = 0;
    for (Map.Entry<String, List<String>> type : SELECTS.entrySet()) {
      Dataset<Row> json = spark.read().json(extract + "/" + type.getKey() + ".*ndjson");
      json.selectExpr(type.getValue().toArray(String[]::new))
          .write().format("delta").mode("overwrite").save(warehouse + "/baseline/" + type.getKey());
      resources += spark.read().format("delta").load(warehouse + "/baseline/" + type.getKey()).count();
    }
    return resources;
  }

  private static Map<String, List<String>> selects() {
    String subject = "regexp_extract(subject.reference, '^Patient/(.+)$', 1) AS patient_id";
    String encounter = "regexp_extract(encounter.reference, '^Encounter/(.+)$', 1) AS encounter_id";
    Map<String, List<String>> selects = new LinkedHashMap<>();
    selects.put("Patient", List.of("id AS patient_id", "name[0].family AS family_name",
        "array_join(name[0].given, ' ') AS given_names", "gender", "birthDate AS birth_date",
        "deceasedDateTime AS deceased_at", "address[0].city AS city", "address[0].state AS state",
        "address[0].postalCode AS postal_code", "meta.lastUpdated AS last_updated"));
    selects.put("Encounter", List.of("id AS encounter_id", subject, "status", "class.code AS class_code",
        "type[0].coding[0].system AS code_system", "type[0].coding[0].code AS code",
        "type[0].coding[0].display AS display", "period.start AS period_start", "period.end AS period_end",
        "regexp_extract(participant[0].individual.reference, '^Practitioner/(.+)$', 1) AS practitioner_id",
        "regexp_extract(serviceProvider.reference, '^Organization/(.+)$', 1) AS organization_id",
        "meta.lastUpdated AS last_updated"));
    selects.put("Condition", List.of("id AS condition_id", subject, encounter,
        "clinicalStatus.coding[0].code AS clinical_status", "verificationStatus.coding[0].code AS verification_status",
        "code.coding[0].system AS code_system", "code.coding[0].code AS code",
        "CAST(NULL AS STRING) AS display", // generated diagnoses carry no display
        "onsetDateTime AS onset_at", "recordedDate AS recorded_date", "meta.lastUpdated AS last_updated"));
    selects.put("Observation", List.of("id AS observation_id", subject, encounter, "status",
        "category[0].coding[0].code AS category", "code.coding[0].system AS code_system", "code.coding[0].code AS code",
        "code.coding[0].display AS display", "effectiveDateTime AS effective_at", "issued",
        "CAST(valueQuantity.value AS STRING) AS value_quantity", "valueQuantity.unit AS value_unit",
        "meta.lastUpdated AS last_updated"));
    selects.put("Procedure", List.of("id AS procedure_id", subject, encounter, "status",
        "code.coding[0].system AS code_system", "code.coding[0].code AS code", "code.coding[0].display AS display",
        "performedPeriod.start AS performed_start", "performedPeriod.end AS performed_end",
        "meta.lastUpdated AS last_updated"));
    selects.put("MedicationRequest", List.of("id AS medication_request_id", subject, encounter, "status", "intent",
        "medicationCodeableConcept.coding[0].system AS code_system", "medicationCodeableConcept.coding[0].code AS code",
        "medicationCodeableConcept.coding[0].display AS display", "authoredOn AS authored_on",
        "regexp_extract(requester.reference, '/(.+)$', 1) AS requester_id", "meta.lastUpdated AS last_updated"));
    selects.put("Immunization", List.of("id AS immunization_id",
        "regexp_extract(patient.reference, '^Patient/(.+)$', 1) AS patient_id", encounter, "status",
        "vaccineCode.coding[0].system AS code_system", "vaccineCode.coding[0].code AS code",
        "vaccineCode.coding[0].display AS display", "occurrenceDateTime AS occurred_at",
        "meta.lastUpdated AS last_updated"));
    return selects;
  }
}

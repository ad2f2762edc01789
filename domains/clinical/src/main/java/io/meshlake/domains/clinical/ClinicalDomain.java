package io.meshlake.domains.clinical;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;

/**
 * The clinical domain: what happened to a patient in care, from EHR extracts in FHIR R4 (Bulk Data
 * NDJSON or Bundles, found in the extract folder by file name).
 *
 * <p>Each resource type lands in its own bronze table; each silver table is a SQL on FHIR v2
 * ViewDefinition ({@code src/main/resources/meshlake/clinical/views/}) over the latest version of each
 * resource. The domain publishes {@code patient_timeline} (every encounter, condition, observation,
 * procedure, medication order and immunization of a patient, in time order), {@code condition_cohorts}
 * (per condition code: patients, first onset, active and resolved) and {@code observation_latest} (the
 * latest value per patient and LOINC code). Each product's contract is in
 * {@code src/main/resources/meshlake/clinical/contracts/}.
 */
public final class ClinicalDomain implements Domain {
  @Override
  public DomainSpec define() {
    return DomainSpec.builder("clinical")
        .ingestFhir("patients_raw", "Patient")
        .ingestFhir("encounters_raw", "Encounter")
        .ingestFhir("conditions_raw", "Condition")
        .ingestFhir("observations_raw", "Observation")
        .ingestFhir("procedures_raw", "Procedure")
        .ingestFhir("medication_requests_raw", "MedicationRequest")
        .ingestFhir("immunizations_raw", "Immunization")
        .silver(Table.fhirView("patients", "patients_raw", "views/patient.json", "patient_id")
            .description("One row per patient: name, gender, birth date, death, first address"))
        .silver(Table.fhirView("encounters", "encounters_raw", "views/encounter.json", "encounter_id")
            .description("One row per encounter: patient, class, type code, period, practitioner, organization"))
        .silver(Table.fhirView("conditions", "conditions_raw", "views/condition.json", "condition_id")
            .description("One row per condition: patient, encounter, statuses, code, onset, abatement"))
        .silver(Table.fhirView("observations", "observations_raw", "views/observation.json", "observation_id")
            .description("One row per observation: patient, encounter, code, time, value; panel components as JSON"))
        .silver(Table.fhirView("procedures", "procedures_raw", "views/procedure.json", "procedure_id")
            .description("One row per procedure: patient, encounter, code, when performed"))
        .silver(Table.fhirView("medication_requests", "medication_requests_raw", "views/medication_request.json",
                "medication_request_id")
            .description("One row per medication order: patient, encounter, medication code, when, by whom"))
        .silver(Table.fhirView("immunizations", "immunizations_raw", "views/immunization.json", "immunization_id")
            .description("One row per immunization: patient, encounter, vaccine code, when"))
        .gold(Table.named("patient_timeline")
            .from("encounters", "conditions", "observations", "procedures", "medication_requests", "immunizations")
            .sql("gold/patient_timeline.sql")
            .overwrite()
            .incrementalBy("patient_id"))
        .gold(Table.named("condition_cohorts")
            .from("conditions")
            .sql("gold/condition_cohorts.sql")
            .overwrite())
        .gold(Table.named("observation_latest")
            .from("observations")
            .sql("gold/observation_latest.sql")
            .overwrite()
            .incrementalBy("patient_id"))
        .build();
  }
}

-- Every clinical event of a patient, numbered in time order: encounters, conditions (at onset), observations,
-- procedures, medication orders and immunizations. FHIR dateTimes keep their offset until here, where they
-- become UTC timestamps; a partial date (2019-05) is the start of what it names.
WITH events AS (
  SELECT patient_id, 'encounter' AS event_kind, encounter_id AS event_id, status,
         CAST(period_start AS TIMESTAMP) AS event_at, code_system, code, display,
         CAST(NULL AS DOUBLE) AS value, CAST(NULL AS STRING) AS unit, class_code AS value_text, encounter_id
  FROM encounters
  UNION ALL
  SELECT patient_id, 'condition', condition_id, clinical_status,
         CAST(coalesce(onset_at, recorded_date) AS TIMESTAMP), code_system, code, display,
         NULL, NULL, NULL, encounter_id
  FROM conditions
  UNION ALL
  SELECT patient_id, 'observation', observation_id, status,
         CAST(coalesce(effective_at, effective_start, issued) AS TIMESTAMP), code_system, code, display,
         CAST(value_quantity AS DOUBLE), value_unit,
         coalesce(value_display, value_code, value_string,
                  -- a panel (e.g. blood pressure) shows its components: "Systolic Blood Pressure 120 mm[Hg], ..."
                  nullif(concat_ws(', ', transform(components, c -> concat_ws(' ',
                      get_json_object(c, '$.code.coding[0].display'), get_json_object(c, '$.valueQuantity.value'),
                      get_json_object(c, '$.valueQuantity.unit')))), '')),
         encounter_id
  FROM observations
  UNION ALL
  SELECT patient_id, 'procedure', procedure_id, status,
         CAST(coalesce(performed_at, performed_start) AS TIMESTAMP), code_system, code, display,
         NULL, NULL, NULL, encounter_id
  FROM procedures
  UNION ALL
  SELECT patient_id, 'medication_request', medication_request_id, status,
         CAST(authored_on AS TIMESTAMP), code_system, code, display,
         NULL, NULL, NULL, encounter_id
  FROM medication_requests
  UNION ALL
  SELECT patient_id, 'immunization', immunization_id, status,
         CAST(occurred_at AS TIMESTAMP), code_system, code, display,
         NULL, NULL, NULL, encounter_id
  FROM immunizations
)
SELECT patient_id,
       CAST(row_number() OVER (PARTITION BY patient_id ORDER BY event_at NULLS LAST, event_kind <> 'encounter', event_kind, event_id) AS INT)
           AS event_seq,
       event_at, event_kind, event_id, status, code_system, code, display, value, unit, value_text, encounter_id
FROM events
WHERE patient_id IS NOT NULL

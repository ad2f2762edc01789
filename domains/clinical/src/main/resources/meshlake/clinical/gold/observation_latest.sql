-- The latest value of each LOINC-coded observation per patient. Components of a panel count as observations
-- of their own code (the systolic pressure of a blood pressure panel is LOINC 8480-6), at the panel's time.
-- A panel without a value of its own (only components) is not a value. Ties in time go to the greatest
-- observation id, so a rebuild picks the same row.
WITH measured AS (
  SELECT patient_id, code, display, observation_id, encounter_id, status,
         CAST(coalesce(effective_at, effective_start, issued) AS TIMESTAMP) AS effective_at,
         CAST(value_quantity AS DOUBLE) AS value, value_unit AS unit,
         coalesce(value_display, value_code, value_string) AS value_text,
         0 AS component
  FROM observations
  WHERE code_system = 'http://loinc.org'
  UNION ALL
  SELECT o.patient_id,
         get_json_object(c.json, '$.code.coding[0].code'),
         get_json_object(c.json, '$.code.coding[0].display'),
         o.observation_id, o.encounter_id, o.status,
         CAST(coalesce(o.effective_at, o.effective_start, o.issued) AS TIMESTAMP),
         CAST(get_json_object(c.json, '$.valueQuantity.value') AS DOUBLE),
         get_json_object(c.json, '$.valueQuantity.unit'),
         coalesce(get_json_object(c.json, '$.valueCodeableConcept.coding[0].display'),
                  get_json_object(c.json, '$.valueCodeableConcept.coding[0].code'),
                  get_json_object(c.json, '$.valueString')),
         c.position + 1
  FROM observations o
  LATERAL VIEW posexplode(o.components) c AS position, json
  WHERE get_json_object(c.json, '$.code.coding[0].system') = 'http://loinc.org'
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY patient_id, code
                               ORDER BY effective_at DESC NULLS LAST, observation_id DESC, component) AS recency
  FROM measured
  WHERE patient_id IS NOT NULL AND code IS NOT NULL AND coalesce(status, '') NOT IN ('entered-in-error', 'cancelled')
    AND (value IS NOT NULL OR value_text IS NOT NULL)
)
SELECT patient_id, code AS loinc_code, display, value, unit, value_text, effective_at, observation_id, encounter_id
FROM ranked
WHERE recency = 1

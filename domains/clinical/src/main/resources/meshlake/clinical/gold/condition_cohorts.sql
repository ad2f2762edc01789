-- Per condition code: the patients who have it, when it was first seen, and how many still have it.
-- A patient has the condition actively when any of their conditions with the code is active, recurring or
-- relapsing (or has no clinical status and no abatement); otherwise it is resolved (resolved, inactive,
-- remission). Refuted and entered-in-error conditions do not count.
WITH per_patient AS (
  SELECT coalesce(code_system, '') AS code_system,
         code,
         patient_id,
         max(display) AS display,
         min(CAST(coalesce(onset_at, recorded_date) AS TIMESTAMP)) AS first_onset,
         max(CAST(coalesce(onset_at, recorded_date) AS TIMESTAMP)) AS last_onset,
         max(CASE WHEN clinical_status IN ('active', 'recurrence', 'relapse')
                    OR (clinical_status IS NULL AND abatement_at IS NULL) THEN 1 ELSE 0 END) AS active
  FROM conditions
  WHERE code IS NOT NULL AND patient_id IS NOT NULL
    AND coalesce(verification_status, '') NOT IN ('refuted', 'entered-in-error')
  GROUP BY coalesce(code_system, ''), code, patient_id
)
SELECT code_system,
       code,
       max(display)               AS display,
       count(*)                   AS patients,
       sum(active)                AS active_patients,
       count(*) - sum(active)     AS resolved_patients,
       min(first_onset)           AS first_onset,
       max(last_onset)            AS last_onset
FROM per_patient
GROUP BY code_system, code

-- Current coverage spans with the member's basic attributes.
SELECT s.member_id,
       s.payer_id,
       s.secondary_payer_id,
       s.plan_member_id,
       to_date(s.coverage_start) AS coverage_start_date,
       to_date(s.coverage_end)   AS coverage_end_date,
       s.ownership,
       m.gender,
       m.birth_date,
       m.state
FROM enrollment_spans s
LEFT JOIN member_records m ON m.member_id = s.member_id
WHERE s.is_current

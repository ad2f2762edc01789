-- Charges, payments, adjustments and claims per member and month of service. A claim delivered in several
-- shapes counts once, from its most detailed source: CSV transactions, else the FHIR ExplanationOfBenefit,
-- else the FHIR Claim.
WITH ranked AS (
  SELECT *, CASE source WHEN 'csv' THEN 1 WHEN 'eob' THEN 2 ELSE 3 END AS source_rank
  FROM claim_lines
),
lines AS (
  SELECT *, min(source_rank) OVER (PARTITION BY claim_id) AS best_rank
  FROM ranked
)
SELECT member_id,
       service_month,
       coalesce(sum(CASE WHEN transaction_type = 'CHARGE' THEN amount END), 0)    AS charges,
       coalesce(sum(CASE WHEN transaction_type = 'PAYMENT' THEN payments END), 0) AS payments,
       coalesce(sum(adjustments), 0)                                               AS adjustments,
       count(DISTINCT claim_id)                                                    AS claim_count,
       max(coalesce(to_date, from_date))                                           AS last_transaction_at
FROM lines
WHERE source_rank = best_rank
GROUP BY member_id, service_month

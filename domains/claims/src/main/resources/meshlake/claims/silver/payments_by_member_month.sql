-- Payments per member, month of service and primary payer: the rollup payer_pmpm starts from. A claim delivered
-- in several shapes counts once, from its most detailed source (CSV transactions, else the FHIR
-- ExplanationOfBenefit, else the FHIR Claim), with the payer that source names.
WITH ranked AS (
  SELECT *, CASE source WHEN 'csv' THEN 1 WHEN 'eob' THEN 2 ELSE 3 END AS source_rank
  FROM claim_lines
),
lines AS (
  SELECT *, min(source_rank) OVER (PARTITION BY claim_id) AS best_rank
  FROM ranked
)
SELECT l.member_id,
       l.service_month,
       c.primary_payer_id AS payer_id,
       sum(l.payments)    AS amount_paid
FROM lines l
JOIN claims c ON c.claim_id = l.claim_id AND c.source = l.source
WHERE l.source_rank = l.best_rank AND l.transaction_type = 'PAYMENT' AND c.primary_payer_id IS NOT NULL
GROUP BY l.member_id, l.service_month, c.primary_payer_id

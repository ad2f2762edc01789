-- Amount paid per member per month, per payer and month, rolled up from per-member aggregates.
WITH paid AS (
  SELECT payer_id, service_month AS month, sum(amount_paid) AS amount_paid
  FROM payments_by_member_month
  GROUP BY payer_id, service_month
),
months AS (
  -- member_months has one row per member, month and payer, so counting rows counts members
  SELECT payer_id, coverage_month AS month, count(*) AS member_months
  FROM member_months
  GROUP BY payer_id, coverage_month
)
SELECT coalesce(p.payer_id, m.payer_id)                                 AS payer_id,
       coalesce(p.month, m.month)                                       AS month,
       coalesce(m.member_months, 0)                                     AS member_months,
       coalesce(p.amount_paid, 0)                                       AS amount_paid,
       CAST(coalesce(p.amount_paid, 0) / m.member_months AS DECIMAL(18, 2)) AS paid_pmpm
FROM paid p
FULL OUTER JOIN months m ON m.payer_id = p.payer_id AND m.month = p.month

-- Payments per member, month of service and primary payer: the rollup payer_pmpm starts from.
SELECT l.member_id,
       l.service_month,
       c.primary_payer_id AS payer_id,
       sum(l.payments)    AS amount_paid
FROM claim_lines l
JOIN claims c ON c.claim_id = l.claim_id
WHERE l.transaction_type = 'PAYMENT' AND c.primary_payer_id IS NOT NULL
GROUP BY l.member_id, l.service_month, c.primary_payer_id

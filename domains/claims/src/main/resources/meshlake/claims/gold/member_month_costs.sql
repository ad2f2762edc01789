-- Charges, payments, adjustments and claims per member and month of service.
SELECT member_id,
       service_month,
       coalesce(sum(CASE WHEN transaction_type = 'CHARGE' THEN amount END), 0)    AS charges,
       coalesce(sum(CASE WHEN transaction_type = 'PAYMENT' THEN payments END), 0) AS payments,
       coalesce(sum(adjustments), 0)                                               AS adjustments,
       count(DISTINCT claim_id)                                                    AS claim_count,
       max(coalesce(to_date, from_date))                                           AS last_transaction_at
FROM claim_lines
GROUP BY member_id, service_month

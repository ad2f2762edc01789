-- One row per member x calendar month x payer with current coverage; zero-length spans cover nothing.
SELECT DISTINCT member_id, coverage_month, payer_id
FROM (
  SELECT member_id,
         payer_id,
         explode(sequence(trunc(to_date(coverage_start), 'MM'),
                          trunc(to_date(coverage_end), 'MM'),
                          interval 1 month)) AS coverage_month
  FROM enrollment_spans
  WHERE is_current AND coverage_end > coverage_start
)

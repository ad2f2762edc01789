package io.meshlake.domains.member;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.Deduplicate;
import io.meshlake.api.TransformContext;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver enrollment spans: Synthea payer transitions, one row per member, coverage start and payer. */
final class EnrollmentSpans {
  /** The attributes whose change starts a new SCD2 version of a span. */
  static final List<String> TRACKED = List.of("coverage_end", "secondary_payer_id", "plan_member_id", "ownership");

  private EnrollmentSpans() {}

  static Dataset<Row> fromPayerTransitions(TransformContext context) {
    return Deduplicate.latestArrival(context.input("payer_transitions_raw"), "patient", "start_year", "payer").select(
        col("patient").as("member_id"),
        col("start_year").as("coverage_start"),
        col("end_year").as("coverage_end"),
        col("payer").as("payer_id"),
        col("secondary_payer").as("secondary_payer_id"),
        col("memberid").as("plan_member_id"),
        col("ownership"));
  }
}

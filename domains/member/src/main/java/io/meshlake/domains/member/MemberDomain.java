package io.meshlake.domains.member;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.sources.SyntheaCsv;
import java.util.List;

/**
 * The member domain: who is a member, and when and with which payer they are covered.
 *
 * <p>From the Synthea patients and payer transitions extracts it publishes {@code enrollment}
 * (current coverage spans with the member's basic attributes) and {@code member_months} (one row per
 * member, calendar month and payer with coverage in that month — the denominator of every per-member
 * -per-month measure, used by the claims domain).
 */
public final class MemberDomain implements Domain {
  static final String OWNER = "member-data-team@meshlake.example";

  @Override
  public DomainSpec define() {
    return DomainSpec.builder("member")
        .ingest("patients_raw", SyntheaCsv.PATIENTS)
        .ingest("payer_transitions_raw", SyntheaCsv.PAYER_TRANSITIONS)
        .silver(Table.named("members")
            .fromNewRowsOf("patients_raw")
            .transform(Members::fromPatients)
            .merge("member_id")
            .description("One current row per member (Synthea patient), typed and conformed; the latest extract wins"))
        .silver(Table.named("enrollment_spans")
            .fromNewRowsOf("payer_transitions_raw")
            .transform(EnrollmentSpans::fromPayerTransitions)
            .scd2(List.of("member_id", "coverage_start", "payer_id"), EnrollmentSpans.TRACKED)
            .description("Coverage spans per member, start and payer, with SCD2 history: when a later extract changes"
                + " a span's end, secondary payer, plan member id or ownership, the old version is closed (valid_to)"
                + " and the new one becomes current. Spans missing from a later extract are not closed."))
        .gold(Table.named("enrollment")
            .from("enrollment_spans", "members")
            .sql("gold/enrollment.sql")
            .overwrite()
            .incrementalBy("member_id")
            .owner(OWNER)
            .version("1.0.0")
            .description("Current coverage: one row per member and coverage span (current SCD2 version), with the"
                + " payer, the span's first and last covered dates, the subscriber relationship (ownership) and the"
                + " member's gender, birth date and state. Spans of members missing from the members table are kept"
                + " with empty member attributes."))
        .gold(Table.named("member_months")
            .from("enrollment_spans")
            .sql("gold/member_months.sql")
            .overwrite()
            .incrementalBy("member_id")
            .owner(OWNER)
            .version("1.0.0")
            .description("One row per member, calendar month (coverage_month, the first day of the month) and payer"
                + " with current coverage in that month (UTC). A member who changes payer mid-month counts one member"
                + " month with each payer; zero-length spans (start = end) give no coverage. Denominator of"
                + " per-member-per-month measures."))
        .build();
  }
}

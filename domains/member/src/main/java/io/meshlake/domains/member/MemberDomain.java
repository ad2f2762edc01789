package io.meshlake.domains.member;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.sources.SyntheaCsv;
import java.util.List;

/**
 * The member domain: who is a member, and when and with which payer they are covered.
 *
 * <p>From the Synthea patients and payer transitions extracts it publishes {@code members} (identity and
 * demographics), {@code enrollment} (current coverage spans with the member's basic attributes) and
 * {@code member_months} (one row per
 * member, calendar month and payer with coverage in that month — the denominator of every per-member
 * -per-month measure, used by the claims domain). Each product's contract is in
 * {@code src/main/resources/meshlake/member/contracts/}.
 */
public final class MemberDomain implements Domain {
  @Override
  public DomainSpec define() {
    return DomainSpec.builder("member")
        .ingest("patients_raw", SyntheaCsv.PATIENTS)
        .ingest("payer_transitions_raw", SyntheaCsv.PAYER_TRANSITIONS)
        .silver(Table.named("member_records")
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
        .gold(Table.named("members")
            .from("member_records")
            .sql("gold/members.sql")
            .overwrite()
            .incrementalBy("member_id"))
        .gold(Table.named("enrollment")
            .from("enrollment_spans", "member_records")
            .sql("gold/enrollment.sql")
            .overwrite()
            .incrementalBy("member_id"))
        .gold(Table.named("member_months")
            .from("enrollment_spans")
            .sql("gold/member_months.sql")
            .overwrite()
            .incrementalBy("member_id"))
        .build();
  }
}

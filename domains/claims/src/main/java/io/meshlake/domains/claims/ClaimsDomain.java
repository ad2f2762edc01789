package io.meshlake.domains.claims;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.sources.SyntheaCsv;

/**
 * The claims domain: what was billed and paid, for whom and when.
 *
 * <p>From the Synthea claims and claims transactions extracts it publishes {@code member_month_costs}
 * (charges, payments, adjustments and claims per member and month of service) and {@code payer_pmpm}
 * (amount paid per member per month for each payer, with member months read from the member domain's
 * published {@code member_gold.member_months}). Each product's contract is in
 * {@code src/main/resources/meshlake/claims/contracts/}.
 */
public final class ClaimsDomain implements Domain {
  @Override
  public DomainSpec define() {
    return DomainSpec.builder("claims")
        .ingest("claims_raw", SyntheaCsv.CLAIMS)
        .ingest("claims_transactions_raw", SyntheaCsv.CLAIMS_TRANSACTIONS)
        .silver(Table.named("claims")
            .fromNewRowsOf("claims_raw")
            .transform(Claims::fromSynthea)
            .merge("claim_id")
            .description("One row per claim: member, provider, primary and secondary payer (empty when uninsured),"
                + " service date and month, diagnosis codes; the latest extract wins"))
        .silver(Table.named("claim_lines")
            .fromNewRowsOf("claims_transactions_raw")
            .transform(ClaimLines::fromSyntheaTransactions)
            .merge("line_id")
            .description("One row per claim transaction line (CHARGE, PAYMENT, ADJUSTMENT, TRANSFERIN, TRANSFEROUT)"
                + " with its amounts and month of service; the latest extract wins"))
        .silver(Table.named("payments_by_member_month")
            .from("claim_lines", "claims")
            .sql("silver/payments_by_member_month.sql")
            .overwrite()
            .incrementalBy("member_id")
            .description("Sum of PAYMENTS of PAYMENT lines per member, month of service and primary payer of the"
                + " claim; uninsured claims left out. Kept per member so payer_pmpm rolls up from it"))
        .gold(Table.named("member_month_costs")
            .from("claim_lines")
            .sql("gold/member_month_costs.sql")
            .overwrite()
            .incrementalBy("member_id"))
        .gold(Table.named("payer_pmpm")
            .from("payments_by_member_month", "member_gold.member_months")
            .sql("gold/payer_pmpm.sql")
            .overwrite())
        .build();
  }
}

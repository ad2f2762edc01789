package io.meshlake.domains.claims;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.sources.SyntheaCsv;

/**
 * The claims domain: what was billed and paid, for whom and when.
 *
 * <p>From the Synthea claims and claims transactions extracts, and from FHIR ExplanationOfBenefit and Claim
 * resources (Synthea and Blue Button 2.0 shapes), it publishes {@code member_month_costs}
 * (charges, payments, adjustments and claims per member and month of service) and {@code payer_pmpm}
 * (amount paid per member per month for each payer, with member months read from the member domain's
 * published {@code member_gold.member_months}). A claim delivered in several shapes counts once, from its most
 * detailed source: CSV transactions, else the ExplanationOfBenefit, else the Claim. Each product's contract is in
 * {@code src/main/resources/meshlake/claims/contracts/}.
 */
public final class ClaimsDomain implements Domain {
  @Override
  public DomainSpec define() {
    return DomainSpec.builder("claims")
        .ingest("claims_raw", SyntheaCsv.CLAIMS)
        .ingest("claims_transactions_raw", SyntheaCsv.CLAIMS_TRANSACTIONS)
        .ingestFhir("eobs_raw", "ExplanationOfBenefit")
        .ingestFhir("fhir_claims_raw", "Claim")
        .ingestFhir("fhir_patients_raw", "Patient")
        .silver(Table.named("fhir_members")
            .fromNewRowsOf("fhir_patients_raw")
            .view("views/patient.json")
            .merge("patient_id")
            .description("The member id of each FHIR Patient (its Synthea identifier, which is the CSV patient Id, else"
                + " its id), so FHIR claims carry the member ids of the CSV extract and member gold"))
        .silver(Table.named("claims")
            .fromNewRowsOf("claims_raw", "eobs_raw", "fhir_claims_raw")
            .from("fhir_members")
            .transform(Claims::fromCsvAndFhir)
            .merge("claim_id", "source")
            .description("One row per claim and source (csv: the claims extract; eob: a FHIR ExplanationOfBenefit;"
                + " claim: a FHIR Claim): member, provider, primary and secondary payer (empty when uninsured),"
                + " service date and month, diagnosis codes; the latest extract wins"))
        .silver(Table.named("claim_lines")
            .fromNewRowsOf("claims_transactions_raw", "eobs_raw", "fhir_claims_raw")
            .from("fhir_members")
            .transform(ClaimLines::fromCsvAndFhir)
            .merge("line_id")
            .description("One row per claim transaction line (CHARGE, PAYMENT, ADJUSTMENT, TRANSFERIN, TRANSFEROUT)"
                + " with its amounts, month of service and source; a FHIR claim gives one CHARGE line (its total"
                + " charge) and, adjudicated, one PAYMENT line; the latest extract wins"))
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

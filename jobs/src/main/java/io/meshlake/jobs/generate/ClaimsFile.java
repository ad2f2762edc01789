package io.meshlake.jobs.generate;

import java.io.IOException;

/** Writes one {@code claims} row per claim. */
final class ClaimsFile {

  private static final String NO_PAYER = "0";

  private final CsvTableWriter out;
  private final RowBuffer row;
  private final Malformer malformer;
  private final ReferenceData reference;

  ClaimsFile(CsvTableWriter out, RowBuffer row, Malformer malformer, ReferenceData reference) {
    this.out = out;
    this.row = row;
    this.malformer = malformer;
    this.reference = reference;
  }

  void write(Member m, ClaimPlan claim, Rng malformRng) throws IOException {
    String providerId = reference.provider(claim.provider).id();
    boolean secondary = claim.secondaryPayer >= 0;
    boolean settled = claim.outstandingCents == 0;
    int department = claim.encounter.departmentId();
    row.reset()
        .field().append(claim.id)
        .field().append(m.id)
        .field().append(providerId)
        .field().append(claim.insured() ? reference.payer(claim.primaryPayer).id() : NO_PAYER)
        .field().append(secondary ? reference.payer(claim.secondaryPayer).id() : NO_PAYER)
        .field().append(department)
        .field().append(department);
    for (int i = 0; i < ClaimPlan.MAX_DIAGNOSES; i++) {
      row.field();
      if (i < claim.diagnosisCount) {
        row.append(claim.diagnoses[i]);
      }
    }
    row.field() // REFERRINGPROVIDERID
        .field().append(claim.appointmentId)
        .field().appendTimestamp(claim.illnessSecond)
        .field().appendTimestamp(claim.serviceSecond)
        .field().append(providerId)
        .field().append(settled ? "CLOSED" : "BILLED")
        .field().append(secondary ? "CLOSED" : "")
        .field().append(settled ? "CLOSED" : "BILLED");
    outstanding(claim).field().append(secondary ? "0" : "");
    outstanding(claim)
        .field().appendTimestamp(claim.endSecond)
        .field();
    if (secondary) {
      row.appendTimestamp(claim.endSecond);
    }
    row.field().appendTimestamp(claim.endSecond)
        .field().append(claim.encounter.claimTypeId())
        .field().append(secondary ? claim.encounter.claimTypeId() : 0);
    out.write(row, malformer, malformRng);
  }

  /** Appends an OUTSTANDING field: {@code 0} when settled, else the balance in money format. */
  private RowBuffer outstanding(ClaimPlan claim) {
    row.field();
    return claim.outstandingCents == 0 ? row.append(0) : row.appendMoney(claim.outstandingCents);
  }
}

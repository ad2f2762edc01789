package io.meshlake.jobs.generate;

import java.io.IOException;

/**
 * Writes a claim's {@code claims_transactions} rows, one per transaction line. {@code CHARGEID} is a
 * running number within the written file, as in Synthea (where it runs over the whole export).
 */
final class ClaimTransactionsFile {

  /** Transaction ids of one claim are (claim index &lt;&lt; this) + line, unique within a member. */
  private static final int LINE_BITS = 16;

  private final CsvTableWriter out;
  private final RowBuffer row;
  private final Malformer malformer;
  private final IdGenerator transactionIds;
  private final ReferenceData reference;
  private long nextChargeId;

  ClaimTransactionsFile(
      CsvTableWriter out,
      RowBuffer row,
      Malformer malformer,
      IdGenerator transactionIds,
      ReferenceData reference) {
    this.out = out;
    this.row = row;
    this.malformer = malformer;
    this.transactionIds = transactionIds;
    this.reference = reference;
  }

  void write(Member m, ClaimPlan claim, Rng malformRng) throws IOException {
    Provider provider = reference.provider(claim.provider);
    String placeOfService = reference.organizationOf(provider).id();
    long transferOutChargeId = -1;
    for (int line = 0; line < claim.lineCount; line++) {
      TransactionType type = claim.lineTypes[line];
      ClinicalCatalog.Service service = claim.chargeServices[claim.lineCharges[line]];
      long amount = claim.lineAmounts[line];
      long chargeId = nextChargeId++;
      row.reset()
          .field().appendId(transactionIds, m.ordinal, ((long) claim.claimIndex << LINE_BITS) + line)
          .field().append(claim.id)
          .field().append(chargeId)
          .field().append(m.id)
          .field().append(type.name())
          .field();
      if (type == TransactionType.CHARGE || type == TransactionType.TRANSFERIN) {
        row.appendMoney(amount);
      }
      row.field();
      if (type == TransactionType.PAYMENT) {
        row.append(claim.lineMethods[line].name());
      }
      row.field().appendTimestamp(claim.serviceSecond)
          .field().appendTimestamp(claim.endSecond)
          .field().append(placeOfService)
          .field().append(service.code())
          .field() // MODIFIER1
          .field() // MODIFIER2
          .field().append('1');
      for (int ref = 2; ref <= 4; ref++) { // DIAGNOSISREF2..4
        row.field();
        if (ref <= claim.diagnosisCount) {
          row.append(ref);
        }
      }
      row.field().append('1') // UNITS
          .field().append(claim.encounter.departmentId())
          .field().append(service.description())
          .field();
      if (type == TransactionType.CHARGE) {
        row.appendMoney(amount); // UNITAMOUNT
      }
      row.field();
      if (type == TransactionType.TRANSFERIN) {
        row.append(transferOutChargeId);
      }
      row.field();
      if (type == TransactionType.CHARGE) {
        row.append(claim.insured() ? '1' : 'p'); // TRANSFERTYPE: primary insurer, or patient
      } else if (type == TransactionType.TRANSFERIN) {
        row.append('p');
      }
      row.field();
      if (type == TransactionType.PAYMENT) {
        row.appendMoney(amount);
      }
      row.field() // ADJUSTMENTS
          .field();
      if (type == TransactionType.TRANSFEROUT || type == TransactionType.TRANSFERIN) {
        row.appendMoney(amount);
      }
      row.field();
      if (type != TransactionType.CHARGE) {
        row.appendMoney(claim.lineOutstanding[line]);
      }
      row.field().append(claim.appointmentId)
          .field() // LINENOTE
          .field();
      if (claim.insured()) {
        row.append(m.id); // PATIENTINSURANCEID
      }
      row.field().append('1') // FEESCHEDULEID
          .field().append(provider.id())
          .field().append(provider.id());
      out.write(row, malformer, malformRng);
      if (type == TransactionType.TRANSFEROUT) {
        transferOutChargeId = chargeId;
      }
    }
  }
}

package io.meshlake.jobs.generate;

import java.io.IOException;

/** Writes a member's {@code payer_transitions} rows: one per coverage span. */
final class PayerTransitionsFile {

  private final CsvTableWriter out;
  private final RowBuffer row;
  private final Malformer malformer;
  private final IdGenerator memberIds;
  private final ReferenceData reference;

  PayerTransitionsFile(
      CsvTableWriter out, RowBuffer row, Malformer malformer, IdGenerator memberIds, ReferenceData reference) {
    this.out = out;
    this.row = row;
    this.malformer = malformer;
    this.memberIds = memberIds;
    this.reference = reference;
  }

  void write(Member m, CoverageHistory coverage, Rng malformRng) throws IOException {
    for (int span = 0; span < coverage.size(); span++) {
      row.reset()
          .field().append(m.id)
          .field().appendId(memberIds, m.ordinal, coverage.memberIdOrdinal(span))
          .field().appendTimestamp(coverage.start(span))
          .field().appendTimestamp(coverage.end(span))
          .field().append(reference.payer(coverage.payer(span)).id())
          .field();
      if (coverage.secondaryPayer(span) >= 0) {
        row.append(reference.payer(coverage.secondaryPayer(span)).id());
      }
      row.field().append(coverage.ownership(span).label())
          .field().append(coverage.ownerName(span));
      out.write(row, malformer, malformRng);
    }
  }
}

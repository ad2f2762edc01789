package io.meshlake.jobs.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code payers}, {@code organizations} and {@code providers} (with the extra {@code NPI}
 * column). These rows are never malformed. Synthea's usage aggregates (amounts covered, revenue,
 * encounter counts, utilization) are written as zeros — like Synthea's own unused payers — because
 * reference data must not depend on which members an extract holds.
 */
final class ReferenceFiles {

  private ReferenceFiles() {}

  /** @return one report per written file, in writing order */
  static List<GenerationReport.FileReport> write(
      Path directory, String part, ReferenceData reference, RowBuffer row) throws IOException {
    return List.of(
        payers(directory, part, reference, row),
        organizations(directory, part, reference, row),
        providers(directory, part, reference, row));
  }

  private static GenerationReport.FileReport payers(
      Path directory, String part, ReferenceData reference, RowBuffer row) throws IOException {
    try (CsvTableWriter out = new CsvTableWriter(directory, SyntheaTable.PAYERS, part)) {
      for (Payer p : reference.payers()) {
        row.reset()
            .field().append(p.id())
            .field().append(p.name())
            .field().append(p.address())
            .field().append(p.city())
            .field().append(p.state())
            .field().append(p.zip())
            .field().append(p.phone());
        for (int money = 0; money < 3; money++) { // AMOUNT_COVERED, AMOUNT_UNCOVERED, REVENUE
          row.field().appendMoney(0);
        }
        for (int count = 0; count < 9; count++) { // COVERED_ENCOUNTERS .. UNIQUE_CUSTOMERS
          row.field().append(0);
        }
        row.field().append("NaN") // QOLS_AVG
            .field().append(0); // MEMBER_MONTHS
        out.write(row);
      }
      return out.report();
    }
  }

  private static GenerationReport.FileReport organizations(
      Path directory, String part, ReferenceData reference, RowBuffer row) throws IOException {
    try (CsvTableWriter out = new CsvTableWriter(directory, SyntheaTable.ORGANIZATIONS, part)) {
      for (Organization o : reference.organizations()) {
        row.reset()
            .field().append(o.id())
            .field().append(o.name())
            .field().append(o.address())
            .field().append(upper(o.town().name()))
            .field().append(PlaceCatalog.STATE_CODE)
            .field().append(o.zip())
            .field().appendFixed(o.latMicros(), 6)
            .field().appendFixed(o.lonMicros(), 6)
            .field().append(o.phone())
            .field().append("0.0") // REVENUE
            .field().append(0); // UTILIZATION
        out.write(row);
      }
      return out.report();
    }
  }

  private static GenerationReport.FileReport providers(
      Path directory, String part, ReferenceData reference, RowBuffer row) throws IOException {
    try (CsvTableWriter out = new CsvTableWriter(directory, SyntheaTable.PROVIDERS, part)) {
      for (Provider p : reference.providers()) {
        Organization o = reference.organizationOf(p);
        row.reset()
            .field().append(p.id())
            .field().append(o.id())
            .field().append(p.name())
            .field().append(p.gender())
            .field().append(p.speciality())
            .field().append(o.address())
            .field().append(upper(o.town().name()))
            .field().append(PlaceCatalog.STATE_CODE)
            .field().append(o.zip())
            .field().appendFixed(o.latMicros(), 6)
            .field().appendFixed(o.lonMicros(), 6)
            .field().append(0) // UTILIZATION
            .field().append(p.npi());
        out.write(row);
      }
      return out.report();
    }
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}

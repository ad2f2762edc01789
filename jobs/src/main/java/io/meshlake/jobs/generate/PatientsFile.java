package io.meshlake.jobs.generate;

import java.io.IOException;

/** Writes one {@code patients} row per member. */
final class PatientsFile {

  private final CsvTableWriter out;
  private final RowBuffer row;
  private final Malformer malformer;

  PatientsFile(CsvTableWriter out, RowBuffer row, Malformer malformer) {
    this.out = out;
    this.row = row;
    this.malformer = malformer;
  }

  void write(Member m, Rng malformRng) throws IOException {
    row.reset().field().append(m.id).field().appendDate(m.birthDay).field();
    if (m.deathDay >= 0) {
      row.appendDate(m.deathDay);
    }
    row.field().append("999-").appendPadded(m.ssnGroup, 2).append('-').appendPadded(m.ssnSerial, 4);
    row.field();
    if (m.drivers >= 0) {
      row.append('S').append(m.drivers);
    }
    row.field();
    if (m.passport >= 0) {
      row.append('X').append(m.passport).append('X');
    }
    row.field().append(m.prefix)
        .field().append(m.first).append(m.firstNumber)
        .field().append(m.last).append(m.lastNumber)
        .field() // SUFFIX
        .field();
    if (m.maiden != null) {
      row.append(m.maiden).append(m.maidenNumber);
    }
    row.field().append(m.marital)
        .field().append(m.race)
        .field().append(m.ethnicity)
        .field().append(m.female ? 'F' : 'M')
        .field().append(m.birthplace.name()).append("  ").append(PlaceCatalog.STATE).append("  US")
        .field().append(m.houseNumber).append(' ').append(m.streetName).append(' ').append(m.streetSuffix);
    if (m.unitPrefix != null) {
      row.append(' ').append(m.unitPrefix).append(' ').append(m.unitNumber);
    }
    row.field().append(m.town.name())
        .field().append(PlaceCatalog.STATE)
        .field().append(m.town.county())
        .field();
    if (m.hasZip) {
      row.append(m.town.zip());
    }
    row.field().appendFixed(m.latMicros, 6)
        .field().appendFixed(m.lonMicros, 6)
        .field().appendMoney(m.healthcareExpensesCents)
        .field().appendMoney(m.healthcareCoverageCents);
    out.write(row, malformer, malformRng);
  }
}

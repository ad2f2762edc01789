package io.meshlake.jobs.generate;

/**
 * Decides, with probability {@code badFraction}, to damage a row and damages it in one of the {@link
 * Malformation} ways, chosen uniformly.
 */
final class Malformer {

  private static final Malformation[] KINDS = Malformation.values();

  private final double badFraction;

  Malformer(double badFraction) {
    this.badFraction = badFraction;
  }

  /**
   * Possibly damages {@code row}, a complete well-formed row of {@code table}.
   *
   * @return the damage done, or {@code null} if the row was left intact
   */
  Malformation apply(RowBuffer row, SyntheaTable table, Rng rng) {
    Malformation kind = draw(rng);
    if (kind == null) {
      return null;
    }
    switch (kind) {
      case WRONG_COLUMN_COUNT -> {
        int field = rng.nextInt(row.fieldCount());
        if (rng.chance(0.5)) {
          row.removeField(field);
        } else {
          row.duplicateField(field);
        }
      }
      case UNPARSABLE_VALUE -> corruptTypedValue(row, table, rng);
      case EMPTY_REQUIRED_ID -> row.replaceField(table.requiredIdColumn(), "");
    }
    return kind;
  }

  /** Decides whether to damage a record, and how: {@code null} to leave it intact. */
  Malformation draw(Rng rng) {
    if (badFraction == 0.0 || !rng.chance(badFraction)) {
      return null;
    }
    return KINDS[rng.nextInt(KINDS.length)];
  }

  /** Replaces a random non-empty typed value with an unparsable one. */
  private static void corruptTypedValue(RowBuffer row, SyntheaTable table, Rng rng) {
    int n = table.typedColumnCount();
    int first = rng.nextInt(n);
    for (int k = 0; k < n; k++) {
      int i = (first + k) % n;
      int column = table.typedColumn(i);
      if (!row.isEmpty(column)) {
        row.replaceField(column, table.typedColumnType(i).unparsable(rng));
        return;
      }
    }
    throw new IllegalStateException(
        "no typed value to corrupt in a " + table + " row: every " + table
            + " row must carry at least one of its typed columns (a generator bug)");
  }
}

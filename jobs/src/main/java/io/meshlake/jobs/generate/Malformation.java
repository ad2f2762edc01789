package io.meshlake.jobs.generate;

/** The ways {@link SyntheaCsvGenerator} deliberately damages a data row (see {@code badFraction}). */
public enum Malformation {
  /** A field was dropped or an extra field added, so the row's field count differs from the header's. */
  WRONG_COLUMN_COUNT,
  /** A typed column (date, timestamp or decimal) holds an unparsable value such as {@code 12.3.4}. */
  UNPARSABLE_VALUE,
  /** The row's required id (first column: {@code Id}, {@code PATIENT} or {@code ID}) is empty. */
  EMPTY_REQUIRED_ID
}

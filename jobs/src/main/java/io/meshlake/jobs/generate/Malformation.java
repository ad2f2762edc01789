package io.meshlake.jobs.generate;

/**
 * The ways {@link SyntheaCsvGenerator} deliberately damages a data row, and {@link FhirBulkGenerator} a
 * resource line (see {@code badFraction}).
 */
public enum Malformation {
  /**
   * A field was dropped or an extra field added, so the row's field count differs from the header's;
   * in NDJSON, the line is cut short (not JSON).
   */
  WRONG_COLUMN_COUNT,
  /**
   * A typed column (date, timestamp or decimal) holds an unparsable value such as {@code 12.3.4}; in
   * NDJSON, {@code meta.lastUpdated} is not an instant.
   */
  UNPARSABLE_VALUE,
  /**
   * The row's required id (first column: {@code Id}, {@code PATIENT} or {@code ID}) is empty; in NDJSON,
   * the resource has no id.
   */
  EMPTY_REQUIRED_ID
}

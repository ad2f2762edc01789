package io.meshlake.ingest;

import java.io.Serializable;

/** Turns the lines of one file into the values of bronze rows, or says why a line does not fit. */
interface LineParser extends Serializable {

  /** Whether the file's first line is a header rather than a record. */
  boolean hasHeader();

  /** The number of values per parsed row, before the ingest metadata. */
  int fieldCount();

  /**
   * Parses one line (without its line terminator) into {@code values}, one slot per field.
   *
   * @return null when the line fits, else the reason it does not
   */
  String parse(String line, Object[] values);
}

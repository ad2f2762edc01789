package io.meshlake.api;

/** How a table reads one of its inputs. */
public enum ReadMode {
  /** The whole input table, as of the version the run pinned. */
  SNAPSHOT,
  /**
   * Only the rows appended to the input since this table last read it successfully (the whole
   * input on a first or full-refresh run). For transforms that are row-local, e.g. typing and
   * cleaning bronze rows before a MERGE into silver.
   */
  NEW_ROWS
}

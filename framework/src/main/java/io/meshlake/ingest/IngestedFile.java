package io.meshlake.ingest;

/**
 * What one ingest did with one file: its identity, the version of that file name (1 for the first
 * content seen under it, 2 when it changed, ...) and the reconciliation {@code rowsIn = rowsOut +
 * rowsQuarantined}.
 */
public record IngestedFile(
    String path, String checksum, long size, long modifiedAt, int fileVersion, long rowsIn, long rowsOut, long rowsQuarantined) {

  /** Whether every row read was either written or quarantined. */
  public boolean reconciles() {
    return rowsIn == rowsOut + rowsQuarantined;
  }

  /** The file name without directories. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}

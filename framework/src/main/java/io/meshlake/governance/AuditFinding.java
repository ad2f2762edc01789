package io.meshlake.governance;

/**
 * A place where the audit log is not as it was written.
 *
 * @param sequence the sequence number where the problem shows
 * @param problem what is wrong there
 */
public record AuditFinding(long sequence, String problem) {
  @Override
  public String toString() {
    return "record " + sequence + ": " + problem;
  }
}

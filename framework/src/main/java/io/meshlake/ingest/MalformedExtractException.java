package io.meshlake.ingest;

/**
 * An extract that cannot be ingested at all (wrong header, or mostly malformed rows). Nothing from the
 * failing table's files is committed; the message says which file and what to check.
 */
public final class MalformedExtractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedExtractException(String message) {
    super(message);
  }
}

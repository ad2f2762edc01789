package io.meshlake.quality;

/**
 * Extract lines ingested in this run into the bronze tables a product is built from.
 *
 * @param read lines read
 * @param quarantined lines that did not fit their layout
 */
public record LineCounts(long read, long quarantined) {
  /** No lines were ingested in this run. */
  public static final LineCounts NONE = new LineCounts(0, 0);

  /** The share of valid lines; 1 when nothing was read. */
  public double validShare() {
    return read == 0 ? 1.0 : (double) (read - quarantined) / read;
  }
}

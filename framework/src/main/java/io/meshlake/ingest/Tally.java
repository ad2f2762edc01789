package io.meshlake.ingest;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * What the tasks of one ingest counted and refused, gathered on the driver: the record counts of every
 * split (from which refused records are numbered and files reconciled) and the refused records.
 */
record Tally(CollectionAccumulator<SplitStats> stats, CollectionAccumulator<Refused> refused) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Longer raw records are cut to this many characters in quarantine. */
  private static final int MAX_RAW = 8192;

  /** Record counts of one split: a byte range of a line-based file, or a whole JSON file. */
  record SplitStats(String file, long start, long records, long good, long bad) implements Serializable {}

  /**
   * A refused record; {@code indexInSplit} counts records from the split's start (so the file's record
   * number is the split's first record number plus it), {@code offset} is its position in the file.
   */
  record Refused(String file, long start, long indexInSplit, long offset, String raw, String reason)
      implements Serializable {}

  static Tally register(SparkContext spark) {
    return new Tally(spark.collectionAccumulator("ingest-splits"), spark.collectionAccumulator("ingest-refused"));
  }

  void refuse(String file, long start, long indexInSplit, long offset, String raw, String reason) {
    refused.add(new Refused(file, start, indexInSplit, offset, raw.length() <= MAX_RAW ? raw : raw.substring(0, MAX_RAW), reason));
  }

  void count(String file, long start, long records, long good, long bad) {
    stats.add(new SplitStats(file, start, records, good, bad));
  }
}

package io.meshlake.api;

import java.util.List;

/** How a table's new data is written into it. Every mode is idempotent for the same input. */
public sealed interface WriteMode {

  /** Appends rows. Used by bronze ingest, which guarantees each file is appended once. */
  record Append() implements WriteMode {}

  /**
   * Upserts on the key columns: matching rows are updated, new keys inserted. The source is
   * deduplicated on the keys first (the last row in input order wins).
   */
  record Merge(List<String> keys) implements WriteMode {
    public Merge {
      keys = requireColumns("merge keys", keys);
    }
  }

  /**
   * Slowly changing dimension type 2 on the key columns: when any tracked column of a key changes, the
   * current row is closed ({@code valid_to} set, {@code is_current} false) and a new current row is
   * inserted. Rows that did not change are left alone.
   */
  record Scd2(List<String> keys, List<String> tracked) implements WriteMode {
    public Scd2 {
      keys = requireColumns("SCD2 keys", keys);
      tracked = requireColumns("SCD2 tracked columns", tracked);
    }
  }

  /**
   * Replaces the partitions present in the new data and leaves the others as they are (dynamic
   * partition overwrite). The table must be partitioned.
   */
  record OverwritePartitions() implements WriteMode {}

  /** Replaces the whole table in one commit. For small products recomputed from their inputs. */
  record Overwrite() implements WriteMode {}

  private static List<String> requireColumns(String what, List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one column");
    }
    return List.copyOf(columns);
  }
}

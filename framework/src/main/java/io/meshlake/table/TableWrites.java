package io.meshlake.table;

import io.meshlake.api.TableId;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data commits of one table format, each a single commit of an existing table (see
 * {@link TableStore#create}), so a failure leaves the table as it was. {@link TableWriter} chooses among
 * them by the table's write mode; the store's {@link TableStore#lastCommit} reports what each wrote.
 */
public interface TableWrites {
  /** Appends rows, adding their new columns to the table's schema. */
  void append(TableId id, Dataset<Row> rows);

  /** Replaces the table's rows, and its schema with the rows' schema. */
  void overwrite(TableId id, Dataset<Row> rows);

  /** Replaces the partitions present in {@code rows}, adding the rows' new columns to the schema. */
  void overwritePartitions(TableId id, Dataset<Row> rows);

  /** Replaces every row whose {@code key} is one of {@code values} with {@code rows}. */
  void replaceKeys(TableId id, Dataset<Row> rows, String key, List<Object> values);

  /** Merges {@code source} (alias {@code s}) into the table (alias {@code t}). */
  void merge(TableId id, Dataset<Row> source, MergeSpec merge);

  /**
   * Runs {@code writes} with every commit it makes carrying {@code userMetadata}, which
   * {@link Commit#userMetadata()} reads back.
   */
  <T> T withUserMetadata(String userMetadata, Supplier<T> writes);
}

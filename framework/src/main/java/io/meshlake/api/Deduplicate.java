package io.meshlake.api;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.meshlake.ingest.IngestColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Keeps one row per key from bronze rows: the one that arrived last. */
public final class Deduplicate {
  private Deduplicate() {}

  /**
   * One row per key: the latest by ingest time, then file path, then position in the file. The input
   * must still carry the bronze metadata columns ({@link IngestColumns}).
   */
  public static Dataset<Row> latestArrival(Dataset<Row> bronzeRows, String... keys) {
    Column[] partition = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      partition[i] = col(keys[i]);
    }
    Column[] order = IngestColumns.ARRIVAL_ORDER.stream().map(c -> col(c).desc()).toArray(Column[]::new);
    return bronzeRows
        .withColumn("__arrival_rank", row_number().over(Window.partitionBy(partition).orderBy(order)))
        .where(col("__arrival_rank").equalTo(1))
        .drop("__arrival_rank");
  }
}

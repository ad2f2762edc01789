package io.meshlake.api;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import io.meshlake.ingest.FhirResources;
import io.meshlake.ingest.IngestColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Keeps one row per key from bronze rows: the one that arrived last, or the latest version of a resource. */
public final class Deduplicate {
  private Deduplicate() {}

  /**
   * One row per key: the latest by ingest time, then file path, then position in the file. The input
   * must still carry the bronze metadata columns ({@link IngestColumns}).
   */
  public static Dataset<Row> latestArrival(Dataset<Row> bronzeRows, String... keys) {
    return latest(bronzeRows, List.of(), keys);
  }

  /**
   * The latest version of each FHIR resource, one row per ({@value FhirResources#RESOURCE_TYPE},
   * {@value FhirResources#ID}), from the rows of a {@link FhirResources} bronze table: the greatest
   * {@code meta.lastUpdated}, then the greatest numeric {@code meta.versionId}, then the latest arrival
   * as in {@link #latestArrival}. A version without lastUpdated (or versionId) ranks below one with it.
   * The columns are kept, so the result feeds a SQL-on-FHIR view (which reads {@value
   * FhirResources#RESOURCE}) as it is.
   *
   * <p>Over new rows only ({@code fromNewRowsOf}) it picks the latest among them, and a {@code merge}
   * then replaces the silver row even if an earlier batch held a later version; where versions may
   * arrive out of order, read the bronze table whole ({@code from}) and overwrite.
   */
  public static Dataset<Row> latestFhirVersion(Dataset<Row> bronzeRows) {
    return latest(bronzeRows,
        List.of(col(FhirResources.LAST_UPDATED).desc_nulls_last(),
            expr("try_cast(" + FhirResources.VERSION_ID + " AS BIGINT)").desc_nulls_last()),
        FhirResources.RESOURCE_TYPE, FhirResources.ID);
  }

  private static Dataset<Row> latest(Dataset<Row> bronzeRows, List<Column> versionOrder, String... keys) {
    Column[] partition = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      partition[i] = col(keys[i]);
    }
    List<Column> order = new ArrayList<>(versionOrder);
    IngestColumns.ARRIVAL_ORDER.forEach(c -> order.add(col(c).desc()));
    return bronzeRows
        .withColumn("__arrival_rank", row_number().over(Window.partitionBy(partition).orderBy(order.toArray(Column[]::new))))
        .where(col("__arrival_rank").equalTo(1))
        .drop("__arrival_rank");
  }
}

package io.meshlake.api;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a transform sees: its declared inputs (and nothing else), the session, and the run. */
public interface TransformContext {

  /**
   * One declared input, by its table name (e.g. {@code claim_lines} or {@code member_months}).
   *
   * @throws IllegalArgumentException when the name is not a declared input of this table
   */
  Dataset<Row> input(String name);

  /** The Spark session, for functions and literals; read tables through {@link #input} only. */
  SparkSession spark();

  /** The run's identifier, recorded in the run log. */
  String runId();

  /** When the run started; used as the effective time of SCD2 changes. */
  Instant runStartedAt();
}

package io.meshlake.api;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Computes a table's new data from its inputs. Runs on the driver and only builds Spark plans. */
@FunctionalInterface
public interface Transform {

  /** Returns the rows to write, given the inputs as Datasets. */
  Dataset<Row> apply(TransformContext context);
}

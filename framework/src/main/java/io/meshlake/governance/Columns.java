package io.meshlake.governance;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Checks that the columns a transform names are in its input, naming what is missing. */
final class Columns {
  private Columns() {}

  /** Refuses a column the input does not have. */
  static void require(Dataset<Row> input, String column, String action) {
    requireAll(input, List.of(column), action);
  }

  /** Refuses any column the input does not have, naming all of them and the input's columns. */
  static void requireAll(Dataset<Row> input, Collection<String> columns, String action) {
    List<String> present = Arrays.asList(input.columns());
    List<String> missing = columns.stream().filter(c -> !present.contains(c)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Cannot " + action + " " + missing + ": no such column; the columns are "
          + present);
    }
  }
}

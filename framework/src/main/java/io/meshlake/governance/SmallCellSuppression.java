package io.meshlake.governance;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Suppresses small counts in an aggregate product, with complementary suppression so no suppressed
 * count can be recomputed from row or column totals (the algorithm: {@link ComplementarySuppression}).
 * A suppressed cell's count and the measures named in {@code alsoHide} (e.g. amounts summed over the
 * same people) become null, and the boolean column {@code <count>_suppressed} says which cells were
 * suppressed.
 *
 * <p>The algorithm needs the whole table, so the aggregate's dimension keys and counts are collected on
 * the driver: meant for aggregate products (payer × month: thousands of cells), not for row-level data.
 * The suppressed keys go back as a broadcast join; the product's rows stay in Spark.
 *
 * @param count the count column, the number of people (or records) in each cell
 * @param rows the columns that together identify a row of the table, e.g. {@code payer}
 * @param columns the columns that identify a column of the table, e.g. {@code month}; empty for a
 *     one-dimensional table whose total is known
 * @param alsoHide further measures to null in suppressed cells
 * @param k the smallest count published; {@link #DEFAULT_K} unless a policy says otherwise
 */
public record SmallCellSuppression(String count, List<String> rows, List<String> columns, List<String> alsoHide,
    int k) {
  /** Counts below 11 are suppressed by default, as in the CMS cell size suppression policy. */
  public static final int DEFAULT_K = 11;
  private static final String MARK = "_suppressed_cell";

  public SmallCellSuppression {
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
    alsoHide = List.copyOf(alsoHide);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Small-cell suppression of " + count + " needs at least one row dimension");
    }
    if (k < 2) {
      throw new IllegalArgumentException("Small-cell threshold k=" + k + " suppresses nothing; use k >= 2, e.g. "
          + DEFAULT_K);
    }
  }

  /** A table of {@code count} by {@code rows} × {@code columns}, suppressing counts below {@link #DEFAULT_K}. */
  public static SmallCellSuppression of(String count, List<String> rows, List<String> columns, List<String> alsoHide) {
    return new SmallCellSuppression(count, rows, columns, alsoHide, DEFAULT_K);
  }

  /** The same suppression with another threshold. */
  public SmallCellSuppression withK(int threshold) {
    return new SmallCellSuppression(count, rows, columns, alsoHide, threshold);
  }

  /** The flag column's name. */
  public String flagColumn() {
    return count + "_suppressed";
  }

  /**
   * The aggregate with small and complementary cells suppressed.
   *
   * @throws IllegalArgumentException naming missing columns, or a cell whose count is null
   */
  public Dataset<Row> apply(Dataset<Row> aggregate) {
    return suppress(aggregate).rows();
  }

  /**
   * An aggregate with cells suppressed, and how many.
   *
   * @param rows the aggregate, suppressed cells hidden and flagged
   * @param cells how many cells the aggregate has
   * @param suppressed how many of them were suppressed (small ones and their complements)
   */
  public record Suppressed(Dataset<Row> rows, int cells, int suppressed) {}

  /**
   * As {@link #apply}, also saying how many cells were suppressed.
   *
   * @throws IllegalArgumentException naming missing columns, or a cell whose count is null
   */
  public Suppressed suppress(Dataset<Row> aggregate) {
    List<String> dimensions = Stream.concat(rows.stream(), columns.stream()).toList();
    List<String> named = new ArrayList<>(dimensions);
    named.add(count);
    named.addAll(alsoHide);
    Columns.requireAll(aggregate, named, "suppress small cells by");
    if (!(aggregate.schema().apply(count).dataType() instanceof IntegralType)) {
      throw new IllegalArgumentException("Cannot suppress small cells of " + count + ": it is "
          + aggregate.schema().apply(count).dataType().simpleString() + ", not a count; cast it to bigint");
    }
    Column[] keyColumns = Stream.concat(dimensions.stream(), Stream.of(count)).map(aggregate::col).toArray(Column[]::new);
    List<Row> table = aggregate.select(keyColumns).orderBy(keyColumns).collectAsList();
    List<ComplementarySuppression.Cell> cells = new ArrayList<>(table.size());
    for (Row cell : table) {
      if (cell.isNullAt(dimensions.size())) {
        throw new IllegalArgumentException("Cannot suppress small cells: the cell " + cell + " of " + dimensions
            + " has a null " + count);
      }
      cells.add(new ComplementarySuppression.Cell(values(cell, 0, rows.size()),
          values(cell, rows.size(), dimensions.size()), ((Number) cell.get(dimensions.size())).longValue()));
    }
    boolean[] suppressed = ComplementarySuppression.suppress(cells, k);
    int hidden = 0;
    for (boolean s : suppressed) {
      hidden += s ? 1 : 0;
    }
    return new Suppressed(hide(aggregate, dimensions, suppressedKeys(aggregate, dimensions, table, suppressed)),
        cells.size(), hidden);
  }

  private static List<Object> values(Row row, int from, int to) {
    List<Object> values = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      values.add(row.get(i));
    }
    return values;
  }

  private static Dataset<Row> suppressedKeys(Dataset<Row> aggregate, List<String> dimensions, List<Row> table,
      boolean[] suppressed) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      fields.add(DataTypes.createStructField(MARK + i, aggregate.schema().apply(dimensions.get(i)).dataType(), true));
    }
    fields.add(DataTypes.createStructField(MARK, DataTypes.BooleanType, false));
    List<Row> keys = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      if (suppressed[i]) {
        List<Object> key = values(table.get(i), 0, dimensions.size());
        key.add(true);
        keys.add(RowFactory.create(key.toArray()));
      }
    }
    return aggregate.sparkSession().createDataFrame(keys, DataTypes.createStructType(fields));
  }

  private Dataset<Row> hide(Dataset<Row> aggregate, List<String> dimensions, Dataset<Row> keys) {
    Column sameCell = lit(true);
    for (int i = 0; i < dimensions.size(); i++) {
      sameCell = sameCell.and(aggregate.col(dimensions.get(i)).eqNullSafe(keys.col(MARK + i)));
    }
    Column isSuppressed = coalesce(keys.col(MARK), lit(false));
    List<Column> projection = new ArrayList<>();
    for (String name : aggregate.columns()) {
      Column value = aggregate.col(name);
      boolean hidden = name.equals(count) || alsoHide.contains(name);
      projection.add(hidden ? when(not(isSuppressed), value).as(name) : value);
    }
    projection.add(isSuppressed.as(flagColumn()));
    return aggregate.join(broadcast(keys), sameCell, "left").select(projection.toArray(Column[]::new));
  }
}

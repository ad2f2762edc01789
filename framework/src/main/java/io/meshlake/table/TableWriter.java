package io.meshlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.WriteMode;
import io.meshlake.contract.Contract;
import io.meshlake.contract.PublishedSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Writes a derived table's new data according to its {@link WriteMode}, creating the table on first
 * write, in the store's table format ({@link TableStore#writes()}). Every write is one commit, so a
 * failure leaves the table as it was.
 */
public final class TableWriter {
  /** SCD2 bookkeeping columns. */
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String IS_CURRENT = "is_current";

  /** Beyond this many partition values a MERGE scans the whole target instead of listing them. */
  private static final int MAX_PRUNING_VALUES = 1000;

  private final TableStore store;
  private final TableWrites writes;

  public TableWriter(TableStore store) {
    this.store = store;
    this.writes = store.writes();
  }

  /**
   * Writes {@code data} into the table. With {@code replace}, the table's content is replaced whatever
   * its write mode (a full refresh); SCD2 tables then start a new history at {@code effectiveAt}.
   */
  public Commit write(DerivedTable table, Dataset<Row> data, Instant effectiveAt, boolean replace) {
    boolean fresh = !store.exists(table.id());
    Dataset<Row> rows = table.writeMode() instanceof WriteMode.Scd2 && (replace || fresh)
        ? withScd2Columns(data, effectiveAt)
        : data;
    if (fresh) {
      store.create(table.id(), rows.schema(), table.partitionBy(), comment(table), properties(table));
      // A new table has nothing to merge with: every mode starts as a plain append.
      writes.append(table.id(), rows);
      return store.lastCommit(table.id());
    }
    if (replace) {
      writes.overwrite(table.id(), rows);
      return store.lastCommit(table.id());
    }
    WriteMode mode = table.writeMode();
    if (mode instanceof WriteMode.Merge merge) {
      Column condition = keysMatch(merge.keys(), "t", "s").and(partitionPruning(table, rows));
      writes.merge(table.id(), rows, MergeSpec.upsert(condition));
    } else if (mode instanceof WriteMode.Scd2 scd2) {
      scd2(table, rows, scd2, effectiveAt);
    } else if (mode instanceof WriteMode.OverwritePartitions) {
      writes.overwritePartitions(table.id(), rows);
    } else if (mode instanceof WriteMode.Overwrite) {
      writes.overwrite(table.id(), rows);
    } else {
      writes.append(table.id(), rows);
    }
    return store.lastCommit(table.id());
  }

  /**
   * Replaces, in one commit, every row whose {@code key} is one of {@code values} with {@code data}
   * (which must hold only those keys): the write of a table recomputed for some keys only.
   */
  public Commit replaceKeys(DerivedTable table, Dataset<Row> data, String key, List<Object> values) {
    writes.replaceKeys(table.id(), data, key, values);
    return store.lastCommit(table.id());
  }

  /**
   * Closes changed current rows and inserts their new versions in one MERGE: each changed source row
   * is staged twice, once to match and close the current row, once (with a null merge key) to insert.
   */
  private void scd2(DerivedTable table, Dataset<Row> source, WriteMode.Scd2 scd2, Instant effectiveAt) {
    Dataset<Row> current = store.read(table.id(), store.version(table.id()).orElseThrow()).where(col(IS_CURRENT));
    Column changed = lit(false);
    for (String tracked : scd2.tracked()) {
      changed = changed.or(col("s." + tracked).eqNullSafe(col("t." + tracked)).unary_$bang());
    }
    Dataset<Row> changedRows = source.as("s").join(current.as("t"), keysMatch(scd2.keys(), "t", "s"))
        .where(changed).select("s.*");
    Dataset<Row> staged = withMergeKeys(source, scd2.keys(), true)
        .unionByName(withMergeKeys(changedRows, scd2.keys(), false));

    Column matchCondition = col("t." + IS_CURRENT);
    for (String key : scd2.keys()) {
      matchCondition = matchCondition.and(col("t." + key).equalTo(col("s.__merge_" + key)));
    }
    Map<String, Column> insert = new LinkedHashMap<>();
    for (String column : source.columns()) {
      insert.put(column, col("s." + column));
    }
    Timestamp at = Timestamp.from(effectiveAt);
    insert.put(VALID_FROM, lit(at));
    insert.put(VALID_TO, lit(null).cast(DataTypes.TimestampType));
    insert.put(IS_CURRENT, lit(true));
    writes.merge(table.id(), staged,
        new MergeSpec(matchCondition, Optional.of(changed), Map.of(IS_CURRENT, lit(false), VALID_TO, lit(at)), insert));
  }

  private static Dataset<Row> withMergeKeys(Dataset<Row> rows, List<String> keys, boolean keep) {
    Dataset<Row> result = rows;
    for (String key : keys) {
      result = result.withColumn("__merge_" + key, keep ? col(key) : lit(null).cast(rows.schema().apply(key).dataType()));
    }
    return result;
  }

  private static Dataset<Row> withScd2Columns(Dataset<Row> data, Instant effectiveAt) {
    return data.withColumn(VALID_FROM, lit(Timestamp.from(effectiveAt)))
        .withColumn(VALID_TO, lit(null).cast(DataTypes.TimestampType))
        .withColumn(IS_CURRENT, lit(true));
  }

  /** Lists the partition values the source touches, so the MERGE reads only those target files. */
  private static Column partitionPruning(DerivedTable table, Dataset<Row> source) {
    Column pruning = lit(true);
    List<String> columns = Arrays.asList(source.columns());
    for (String partition : table.partitionBy()) {
      if (!columns.contains(partition)) {
        continue;
      }
      List<Row> values = source.select(partition).distinct().limit(MAX_PRUNING_VALUES + 1).collectAsList();
      if (values.size() > MAX_PRUNING_VALUES) {
        continue;
      }
      List<Object> literals = new ArrayList<>();
      values.forEach(v -> literals.add(v.get(0)));
      pruning = pruning.and(col("t." + partition).isin(literals.toArray()))
          .and(col("t." + partition).equalTo(col("s." + partition)));
    }
    return pruning;
  }

  private static Column keysMatch(List<String> keys, String target, String source) {
    Column condition = null;
    for (String key : keys) {
      Column eq = col(target + "." + key).equalTo(col(source + "." + key));
      condition = condition == null ? eq : condition.and(eq);
    }
    return condition;
  }

  private static String comment(DerivedTable table) {
    return table.contract().map(Contract::description).orElse(table.description());
  }

  /**
   * The new table's properties: its domain and layer and, for a data product, what its publication records
   * (contract version and columns, owner), so a first publication takes no commit of its own for them.
   */
  private static Map<String, String> properties(DerivedTable table) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("meshlake.domain", table.id().domain());
    properties.put("meshlake.layer", table.id().layer().label());
    table.contract().ifPresent(contract -> properties.putAll(PublishedSchema.properties(contract)));
    return properties;
  }
}

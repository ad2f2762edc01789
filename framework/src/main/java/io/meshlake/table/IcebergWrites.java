package io.meshlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.meshlake.api.TableId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The Iceberg {@link TableWrites}: DataFrame writes and SQL {@code MERGE} by the tables' catalog names.
 * Every commit carries, as snapshot summary entries, its operation in Delta's terms and, where Iceberg has
 * no figure, the metrics this class counted (see {@link IcebergTableStore#commitsAfter}). Every write takes its
 * rows {@link #planned planned apart}, so they may read Delta tables.
 */
final class IcebergWrites implements TableWrites {
  static final String WRITE = "WRITE";
  static final String MERGE = "MERGE";

  /** Source column marking, in a key replacement, the rows that only name a key to delete. */
  private static final String KEY_MARKER = "__meshlake_replaced_key";

  /** Target column telling, in the count before a MERGE, the source rows that match a target row. */
  private static final String MATCHED = "__meshlake_matched";

  private final IcebergTableStore store;
  private final ThreadLocal<String> userMetadata = new ThreadLocal<>();

  IcebergWrites(IcebergTableStore store) {
    this.store = store;
  }

  @Override
  public void append(TableId id, Dataset<Row> rows) {
    Dataset<Row> aligned = planned(evolve(id, rows));
    commit(id, WRITE, Map.of(), () -> aligned.writeTo(store.sqlName(id)).append());
  }

  /**
   * Adds the rows' new columns to the table's schema and the table's columns missing from the rows to the
   * rows, as nulls.
   */
  private Dataset<Row> evolve(TableId id, Dataset<Row> rows) {
    StructType current = addColumns(id, rows.schema());
    Dataset<Row> aligned = rows;
    for (StructField field : current.fields()) {
      if (!Arrays.asList(rows.columns()).contains(field.name())) {
        aligned = aligned.withColumn(field.name(), lit(null).cast(field.dataType()));
      }
    }
    return aligned;
  }

  /**
   * Adds the columns the table lacks, optional, in a metadata commit (no snapshot), and returns the table's
   * schema before. Iceberg's own {@code merge-schema} write option needs a table that accepts any schema,
   * and Spark 3.5 leaves a {@code MERGE} into such a table unresolved.
   */
  private StructType addColumns(TableId id, StructType columns) {
    Table table = store.table(id);
    StructType current = SparkSchemaUtil.convert(table.schema());
    if (!Arrays.asList(current.fieldNames()).containsAll(Arrays.asList(columns.fieldNames()))) {
      table.updateSchema().unionByNameWith(SparkSchemaUtil.convert(IcebergTableStore.nullable(columns))).commit();
    }
    return current;
  }

  /**
   * Overwrites every row in one snapshot. When the rows' columns differ from the table's, the table is
   * replaced instead ({@code CREATE OR REPLACE ... AS SELECT}: the new schema, the same partitioning,
   * properties and snapshot history), as Delta's {@code overwriteSchema} replaces the schema.
   */
  @Override
  public void overwrite(TableId id, Dataset<Row> rows) {
    Table table = store.table(id);
    if (columns(SparkSchemaUtil.convert(table.schema())).equals(columns(rows.schema()))) {
      commit(id, WRITE, Map.of(), () -> planned(rows).writeTo(store.sqlName(id)).overwrite(lit(true)));
      return;
    }
    // Iceberg takes a replaced table's schema from the rows: make every column optional, as create does.
    Dataset<Row> optional = store.spark().createDataFrame(rows.javaRDD(), IcebergTableStore.nullable(rows.schema()));
    CreateTableWriter<Row> replace = optional.writeTo(store.sqlName(id)).using("iceberg");
    List<Column> partitions = table.spec().fields().stream()
        .map(field -> col(table.schema().findColumnName(field.sourceId()))).toList();
    if (!partitions.isEmpty()) {
      replace = replace.partitionedBy(partitions.get(0), JavaConverters.asScalaBuffer(partitions.subList(1, partitions.size())).toSeq());
    }
    CreateTableWriter<Row> replacement = replace;
    commit(id, WRITE, Map.of(), () -> replacement.createOrReplace());
  }

  private static List<String> columns(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().sql()).toList();
  }

  @Override
  public void overwritePartitions(TableId id, Dataset<Row> rows) {
    Dataset<Row> aligned = planned(evolve(id, rows));
    commit(id, WRITE, Map.of(), () -> aligned.writeTo(store.sqlName(id)).overwritePartitions());
  }

  /**
   * One copy-on-write MERGE: the rows are inserted, and one marker row per key deletes the table's rows of
   * that key (Iceberg's overwrite by filter refuses files holding rows of other keys too). Its
   * {@code numOutputRows}, as Delta's for a {@code replaceWhere}, counts the rows copied from rewritten files too.
   */
  @Override
  public void replaceKeys(TableId id, Dataset<Row> rows, String key, List<Object> values) {
    StructField keyField = rows.schema().apply(key);
    addColumns(id, rows.schema());
    Dataset<Row> source = rows.withColumn(KEY_MARKER, lit(false));
    List<Object> keys = values.stream().distinct().toList();
    if (!keys.isEmpty()) {
      Dataset<Row> markers = store.spark().sql("SELECT * FROM VALUES "
              + keys.stream().map(v -> "(" + lit(v).expr().sql() + ")").collect(Collectors.joining(", ")) + " AS k(`" + key + "`)")
          .select(col(quoted(key)).cast(keyField.dataType()).as(key))
          .withColumn(KEY_MARKER, lit(true));
      source = source.unionByName(markers, true);
    }
    String columns = Arrays.stream(rows.columns()).map(IcebergWrites::quoted).collect(Collectors.joining(", "));
    String sourceColumns = Arrays.stream(rows.columns()).map(c -> "s." + quoted(c)).collect(Collectors.joining(", "));
    withView(planned(source), view -> commit(id, WRITE, Map.of(), () -> store.spark().sql(
        "MERGE INTO " + store.sqlName(id) + " t USING " + view + " s"
            + " ON s." + quoted(KEY_MARKER) + " AND t." + quoted(key) + " = s." + quoted(key)
            + " WHEN MATCHED THEN DELETE"
            + " WHEN NOT MATCHED AND NOT s." + quoted(KEY_MARKER) + " THEN INSERT (" + columns + ") VALUES (" + sourceColumns + ")")));
  }

  /**
   * SQL {@code MERGE INTO}, after one aggregation of the source joined with the table on the merge
   * condition that counts what Iceberg does not report: the source rows, those inserted and those updated
   * (assuming, as the MERGE itself requires, that a source row matches at most one table row).
   */
  @Override
  public void merge(TableId id, Dataset<Row> source, MergeSpec merge) {
    Column matched = col("t." + MATCHED).isNotNull();
    Row counted = source.as("s")
        .join(store.spark().table(store.sqlName(id)).withColumn(MATCHED, lit(true)).as("t"), merge.on(), "left_outer")
        .agg(count(lit(1)), count(when(matched.unary_$bang(), 1)), count(when(matched.and(merge.updateIf().orElse(lit(true))), 1)))
        .first();
    Map<String, String> metrics = Map.of(
        "numSourceRows", Long.toString(counted.getLong(0)),
        "numTargetRowsInserted", Long.toString(counted.getLong(1)),
        "numTargetRowsUpdated", Long.toString(counted.getLong(2)));
    Map<String, Column> set = merge.set().isEmpty() ? fromSource(source) : merge.set();
    Map<String, Column> insert = merge.insert().isEmpty() ? fromSource(source) : merge.insert();
    addColumns(id, new StructType(Arrays.stream(source.schema().fields())
        .filter(f -> insert.containsKey(f.name())).toArray(StructField[]::new)));
    String update = set.entrySet().stream()
        .map(e -> quoted(e.getKey()) + " = " + e.getValue().expr().sql()).collect(Collectors.joining(", "));
    String inserted = "(" + insert.keySet().stream().map(IcebergWrites::quoted).collect(Collectors.joining(", ")) + ") VALUES ("
        + insert.values().stream().map(c -> c.expr().sql()).collect(Collectors.joining(", ")) + ")";
    withView(planned(source), view -> commit(id, MERGE, metrics, () -> store.spark().sql(
        "MERGE INTO " + store.sqlName(id) + " t USING " + view + " s ON " + merge.on().expr().sql()
            + " WHEN MATCHED" + merge.updateIf().map(c -> " AND " + c.expr().sql()).orElse("") + " THEN UPDATE SET " + update
            + " WHEN NOT MATCHED THEN INSERT " + inserted)));
  }

  /**
   * Every column of {@code rows} set from the source's, as Delta's {@code updateAll} / {@code insertAll}:
   * the table's columns the source lacks keep their value on update and are null on insert.
   */
  private static Map<String, Column> fromSource(Dataset<Row> rows) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (String column : rows.columns()) {
      columns.put(column, col("s." + quoted(column)));
    }
    return columns;
  }

  /** Keeps {@code userMetadata} for this thread's commits while {@code writes} runs. */
  @Override
  public <T> T withUserMetadata(String metadata, Supplier<T> writes) {
    String previous = userMetadata.get();
    userMetadata.set(metadata);
    try {
      return writes.get();
    } finally {
      userMetadata.set(previous);
    }
  }

  /** Runs one write with its snapshot summary carrying the operation, the counted metrics and the user metadata. */
  private void commit(TableId id, String operation, Map<String, String> metrics, Write write) {
    Map<String, String> properties = new HashMap<>();
    properties.put(IcebergTableStore.OPERATION, operation);
    metrics.forEach((name, value) -> properties.put(IcebergTableStore.METRIC + name, value));
    if (userMetadata.get() != null) {
      properties.put(IcebergTableStore.USER_METADATA, userMetadata.get());
    }
    try {
      CommitMetadata.withCommitProperties(properties, () -> {
        write.run();
        return null;
      }, Exception.class);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot write Iceberg table " + store.sqlName(id) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows with their own plan, made before the Iceberg write that takes them: within a DataSource V2 write
   * Delta 3.3 does not prepare its scans (its {@code PrepareDeltaScan} rule skips {@code V2WriteCommand} plans), and
   * an unprepared scan of a table with deletion vectors enabled, as every Delta table meshlake creates, fails
   * ("Cannot work with a non-pinned table snapshot of the TahoeFileIndex"). Rows whose plan the cache holds are read
   * from it as before.
   */
  private Dataset<Row> planned(Dataset<Row> rows) {
    return store.spark().createDataFrame(rows.javaRDD(), rows.schema());
  }

  private void withView(Dataset<Row> source, Consumer<String> use) {
    String view = "meshlake_source_" + UUID.randomUUID().toString().replace("-", "");
    source.createOrReplaceTempView(view);
    try {
      use.accept(view);
    } finally {
      store.spark().catalog().dropTempView(view);
    }
  }

  /** One Spark write, which may throw Spark's checked exceptions. */
  private interface Write {
    void run() throws Exception;
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}

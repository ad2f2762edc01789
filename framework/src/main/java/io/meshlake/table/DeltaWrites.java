package io.meshlake.table;

import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaMergeMatchedActionBuilder;
import io.delta.tables.DeltaTable;
import io.meshlake.api.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The Delta {@link TableWrites}: writes by the table's path, MERGE through {@link DeltaTable}. */
final class DeltaWrites implements TableWrites {
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  private final DeltaTableStore store;

  DeltaWrites(DeltaTableStore store) {
    this.store = store;
  }

  @Override
  public void append(TableId id, Dataset<Row> rows) {
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(store.location(id));
  }

  @Override
  public void overwrite(TableId id, Dataset<Row> rows) {
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(store.location(id));
  }

  @Override
  public void overwritePartitions(TableId id, Dataset<Row> rows) {
    rows.write().format("delta").mode("overwrite").option("partitionOverwriteMode", "dynamic").save(store.location(id));
  }

  @Override
  public void replaceKeys(TableId id, Dataset<Row> rows, String key, List<Object> values) {
    String predicate = values.isEmpty() ? "false" : "`" + key + "` IN ("
        + values.stream().map(v -> lit(v).expr().sql()).collect(Collectors.joining(", ")) + ")";
    rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(store.location(id));
  }

  @Override
  public void merge(TableId id, Dataset<Row> source, MergeSpec merge) {
    DeltaMergeBuilder builder = DeltaTable.forPath(store.spark(), store.location(id)).as("t")
        .merge(source.as("s"), merge.on());
    builder = merge.set().isEmpty()
        ? matched(builder, merge).updateAll()
        : matched(builder, merge).update(new HashMap<>(merge.set()));
    builder = merge.insert().isEmpty()
        ? builder.whenNotMatched().insertAll()
        : builder.whenNotMatched().insert(new HashMap<>(merge.insert()));
    builder.execute();
  }

  private static DeltaMergeMatchedActionBuilder matched(DeltaMergeBuilder builder, MergeSpec merge) {
    return merge.updateIf().map(builder::whenMatched).orElseGet(builder::whenMatched);
  }

  /**
   * Sets Delta's commit user metadata in the session's configuration while {@code writes} runs, so it
   * applies to every Delta commit of the session meanwhile, on any thread.
   */
  @Override
  public <T> T withUserMetadata(String userMetadata, Supplier<T> writes) {
    Optional<String> previous = Optional.ofNullable(store.spark().conf().get(USER_METADATA, null));
    store.spark().conf().set(USER_METADATA, userMetadata);
    try {
      return writes.get();
    } finally {
      previous.ifPresentOrElse(p -> store.spark().conf().set(USER_METADATA, p), () -> store.spark().conf().unset(USER_METADATA));
    }
  }
}

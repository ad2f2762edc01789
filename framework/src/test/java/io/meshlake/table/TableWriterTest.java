package io.meshlake.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.Input;
import io.meshlake.api.Layer;
import io.meshlake.api.ReadMode;
import io.meshlake.api.TableId;
import io.meshlake.api.WriteMode;
import io.meshlake.testing.SparkTestBase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TableWriterTest extends SparkTestBase {
  private static DerivedTable table(String name, WriteMode mode, List<String> partitionBy) {
    return new DerivedTable(new TableId("w", Layer.SILVER, name), List.of(new Input("x", ReadMode.SNAPSHOT)),
        c -> c.input("x"), mode, partitionBy, Optional.empty(), Optional.empty(), "test");
  }

  private static Dataset<Row> rows(String... valuesSql) {
    return spark().sql("SELECT * FROM VALUES " + String.join(", ", valuesSql) + " AS t(id, month, amount)");
  }

  private static List<String> contents(DeltaTableStore store, DerivedTable table) {
    return store.read(table.id(), store.version(table.id()).orElseThrow()).orderBy("id").collectAsList()
        .stream().map(Row::toString).toList();
  }

  @Test
  void overwritePartitionsReplacesOnlyThePartitionsInTheNewData() {
    DeltaTableStore store = new DeltaTableStore(spark(), freshWarehouse());
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("by_month", new WriteMode.OverwritePartitions(), List.of("month"));
    writer.write(table, rows("(1, '2024-01', 10)", "(2, '2024-02', 20)"), Instant.now(), false);

    writer.write(table, rows("(3, '2024-02', 30)"), Instant.now(), false);

    assertThat(contents(store, table)).containsExactly("[1,2024-01,10]", "[3,2024-02,30]");
  }

  @Test
  void mergeOnAPartitionedTableUpdatesAndInsertsTouchingOnlyTheSourcePartitions() {
    DeltaTableStore store = new DeltaTableStore(spark(), freshWarehouse());
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("merged", new WriteMode.Merge(List.of("id")), List.of("month"));
    writer.write(table, rows("(1, '2024-01', 10)", "(2, '2024-02', 20)"), Instant.now(), false);

    Commit commit = writer.write(table, rows("(2, '2024-02', 25)", "(4, '2024-02', 40)"), Instant.now(), false);

    assertThat(contents(store, table)).containsExactly("[1,2024-01,10]", "[2,2024-02,25]", "[4,2024-02,40]");
    assertThat(commit.metric("numTargetRowsUpdated")).isEqualTo(1);
    assertThat(commit.metric("numTargetRowsInserted")).isEqualTo(1);
    assertThat(commit.metric("numTargetFilesRemoved")).as("the 2024-01 file is not rewritten").isEqualTo(1);
  }

  @Test
  void replaceKeysSwapsOnlyThoseKeysInOneCommit() {
    DeltaTableStore store = new DeltaTableStore(spark(), freshWarehouse());
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("per_key", new WriteMode.Overwrite(), List.of());
    writer.write(table, rows("(1, 'a', 10)", "(1, 'b', 11)", "(2, 'a', 20)"), Instant.now(), false);
    long before = store.version(table.id()).orElseThrow();

    writer.replaceKeys(table, rows("(1, 'c', 12)"), "id", List.of(1));

    assertThat(contents(store, table)).containsExactly("[1,c,12]", "[2,a,20]");
    assertThat(store.version(table.id())).contains(before + 1);
  }
}

package io.meshlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.Input;
import io.meshlake.api.Layer;
import io.meshlake.api.ReadMode;
import io.meshlake.api.TableId;
import io.meshlake.api.WriteMode;
import io.meshlake.testing.SparkTestBase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every write mode and the store's reads, in both table formats, with the same expectations. */
class TableWriterTest extends SparkTestBase {
  private static final AtomicInteger DOMAINS = new AtomicInteger();
  private static final Instant JAN = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant FEB = Instant.parse("2024-02-01T00:00:00Z");

  /** The table formats; Iceberg tables share the session's catalog, so each test has its own domain. */
  enum Format {
    DELTA {
      @Override
      TableStore store() {
        return new DeltaTableStore(spark(), freshWarehouse());
      }
    },
    ICEBERG {
      @Override
      TableStore store() {
        return new IcebergTableStore(spark());
      }
    };

    abstract TableStore store();
  }

  private String domain;

  @BeforeEach
  void ownDomain() {
    domain = "w" + DOMAINS.incrementAndGet();
  }

  private DerivedTable table(String name, WriteMode mode, List<String> partitionBy) {
    return new DerivedTable(new TableId(domain, Layer.SILVER, name), List.of(new Input("x", ReadMode.SNAPSHOT)),
        c -> c.input("x"), mode, partitionBy, Optional.empty(), Optional.empty(), "test");
  }

  private static Dataset<Row> rows(String... valuesSql) {
    return spark().sql("SELECT * FROM VALUES " + String.join(", ", valuesSql) + " AS t(id, month, amount)");
  }

  private static List<String> contents(Dataset<Row> rows) {
    return rows.orderBy("id").collectAsList().stream().map(Row::toString).toList();
  }

  private static List<String> contents(TableStore store, DerivedTable table) {
    return contents(store.read(table.id(), store.version(table.id()).orElseThrow()));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void overwritePartitionsReplacesOnlyThePartitionsInTheNewData(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("by_month", new WriteMode.OverwritePartitions(), List.of("month"));
    writer.write(table, rows("(1, '2024-01', 10)", "(2, '2024-02', 20)"), JAN, false);

    Commit commit = writer.write(table, rows("(3, '2024-02', 30)"), JAN, false);

    assertThat(contents(store, table)).containsExactly("[1,2024-01,10]", "[3,2024-02,30]");
    assertThat(commit.metric("numOutputRows")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void mergeOnAPartitionedTableUpdatesAndInsertsTouchingOnlyTheSourcePartitions(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("merged", new WriteMode.Merge(List.of("id")), List.of("month"));
    writer.write(table, rows("(1, '2024-01', 10)", "(2, '2024-02', 20)"), JAN, false);

    Commit commit = writer.write(table, rows("(2, '2024-02', 25)", "(4, '2024-02', 40)"), JAN, false);

    assertThat(contents(store, table)).containsExactly("[1,2024-01,10]", "[2,2024-02,25]", "[4,2024-02,40]");
    assertThat(commit.operation()).isEqualTo("MERGE");
    assertThat(commit.metric("numSourceRows")).isEqualTo(2);
    assertThat(commit.metric("numTargetRowsUpdated")).isEqualTo(1);
    assertThat(commit.metric("numTargetRowsInserted")).isEqualTo(1);
    assertThat(commit.metric("numTargetFilesRemoved")).as("the 2024-01 file is not rewritten").isEqualTo(1);

    writer.write(table, rows("(2, '2024-02', 25)", "(4, '2024-02', 40)"), JAN, false);
    assertThat(contents(store, table)).as("the same MERGE again changes nothing")
        .containsExactly("[1,2024-01,10]", "[2,2024-02,25]", "[4,2024-02,40]");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void appendAddsTheNewColumnsOfTheData(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("appended", new WriteMode.Append(), List.of());
    writer.write(table, rows("(1, '2024-01', 10)"), JAN, false);

    Commit commit = writer.write(table,
        spark().sql("SELECT * FROM VALUES (2, '2024-02', 20, 'late') AS t(id, month, amount, note)"), JAN, false);

    assertThat(contents(store, table)).containsExactly("[1,2024-01,10,null]", "[2,2024-02,20,late]");
    assertThat(commit.metric("numOutputRows")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void scd2ClosesChangedRowsAndInsertsTheirNewVersions(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("history", new WriteMode.Scd2(List.of("id"), List.of("amount")), List.of());
    writer.write(table, rows("(1, 'a', 10)", "(2, 'b', 20)"), JAN, false);

    Commit commit = writer.write(table, rows("(1, 'a', 15)", "(2, 'b', 20)", "(3, 'c', 30)"), FEB, false);

    Dataset<Row> history = store.read(table.id(), commit.version())
        .selectExpr("id", "amount", "is_current", "CAST(valid_from AS STRING)", "CAST(valid_to AS STRING)")
        .orderBy("id", "valid_from");
    assertThat(history.collectAsList()).map(Row::toString).containsExactly(
        "[1,10,false,2024-01-01 00:00:00,2024-02-01 00:00:00]",
        "[1,15,true,2024-02-01 00:00:00,null]",
        "[2,20,true,2024-01-01 00:00:00,null]",
        "[3,30,true,2024-02-01 00:00:00,null]");
    assertThat(commit.metric("numTargetRowsUpdated")).as("id 1 closed").isEqualTo(1);
    assertThat(commit.metric("numTargetRowsInserted")).as("id 1's new version and id 3").isEqualTo(2);
    assertThat(commit.metric("numSourceRows")).as("3 rows, id 1 staged twice").isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void overwriteReplacesEveryRowAndAFullRefreshTheSchemaKeepingHistoryAndProperties(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("whole", new WriteMode.Overwrite(), List.of("month"));
    long first = writer.write(table, rows("(1, '2024-01', 10)", "(2, '2024-02', 20)"), JAN, false).version();

    long second = writer.write(table, rows("(3, '2024-01', 30)"), JAN, false).version();
    long refreshed = writer.write(table,
        spark().sql("SELECT * FROM VALUES (4, '2024-03', 40L) AS t(id, month, total)"), JAN, true).version();

    assertThat(List.of(second, refreshed)).containsExactly(first + 1, first + 2);
    assertThat(contents(store.read(table.id(), second))).containsExactly("[3,2024-01,30]");
    assertThat(contents(store, table)).containsExactly("[4,2024-03,40]");
    assertThat(store.read(table.id(), refreshed).columns()).containsExactly("id", "month", "total");
    assertThat(contents(store.read(table.id(), first))).as("time travel across the refresh")
        .containsExactly("[1,2024-01,10]", "[2,2024-02,20]");
    assertThat(store.properties(table.id())).containsEntry("meshlake.domain", domain);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void replaceKeysSwapsOnlyThoseKeysInOneCommit(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("per_key", new WriteMode.Overwrite(), List.of());
    writer.write(table, rows("(1, 'a', 10)", "(1, 'b', 11)", "(2, 'a', 20)"), JAN, false);
    long before = store.version(table.id()).orElseThrow();

    Commit commit = writer.replaceKeys(table, rows("(1, 'c', 12)"), "id", List.of(1));

    assertThat(contents(store, table)).containsExactly("[1,c,12]", "[2,a,20]");
    assertThat(store.version(table.id())).contains(before + 1);
    assertThat(commit.version()).isEqualTo(before + 1);
  }

  /**
   * Every write takes rows read, uncached, from a Delta table (deletion vectors enabled, as on every table meshlake
   * creates): silver feeding a gold product kept in either format.
   */
  @ParameterizedTest
  @EnumSource(Format.class)
  void everyWriteTakesRowsReadFromADeltaTableWithDeletionVectors(Format format) {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DeltaTableStore silver = new DeltaTableStore(spark(), freshWarehouse());
    TableId source = new TableId(domain, Layer.SILVER, "source");
    Dataset<Row> sample = rows("(1, '2024-01', 10)", "(2, '2024-02', 20)");
    silver.create(source, sample.schema(), List.of(), "", Map.of());
    silver.writes().append(source, sample);
    assertThat(silver.properties(source)).containsEntry("delta.enableDeletionVectors", "true");
    Dataset<Row> read = silver.read(source, silver.version(source).orElseThrow());

    DerivedTable whole = table("whole", new WriteMode.Overwrite(), List.of());
    writer.write(whole, read, JAN, false);
    writer.write(whole, read.where("id = 2"), JAN, false);
    writer.replaceKeys(whole, read.where("id = 1"), "id", List.of(1));
    DerivedTable byMonth = table("by_month", new WriteMode.OverwritePartitions(), List.of("month"));
    writer.write(byMonth, read, JAN, false);
    writer.write(byMonth, read.where("id = 2"), JAN, false);
    DerivedTable appended = table("appended", new WriteMode.Append(), List.of());
    writer.write(appended, read.where("id = 1"), JAN, false);
    store.writes().merge(appended.id(), read, MergeSpec.upsert(col("t.id").equalTo(col("s.id"))));

    for (DerivedTable table : List.of(whole, byMonth, appended)) {
      assertThat(contents(store, table)).as(table.id().name()).containsExactly("[1,2024-01,10]", "[2,2024-02,20]");
    }
  }

  /**
   * Versions, time travel, the rows inserted across a range holding a MERGE (Iceberg's incremental append
   * scan would skip them), changed keys, commits' operations and metrics, and user metadata.
   */
  @ParameterizedTest
  @EnumSource(Format.class)
  void storeReadsVersionsChangesAndCommitsAsWritten(Format format) throws Exception {
    TableStore store = format.store();
    TableWriter writer = new TableWriter(store);
    DerivedTable table = table("events", new WriteMode.Append(), List.of());
    TableId id = table.id();
    MergeSpec insertNew = new MergeSpec(col("t.id").equalTo(col("s.id")), Optional.of(lit(false)), Map.of(), Map.of());

    Commit v1 = store.writes().withUserMetadata("{\"run\":\"r1\"}",
        () -> writer.write(table, rows("(1, 'a', 10)", "(2, 'b', 20)"), JAN, false));
    long v2 = writer.write(table, rows("(3, 'c', 30)"), JAN, false).version();
    store.writes().merge(id, rows("(2, 'b', 25)", "(4, 'd', 40)"), insertNew);
    Commit v3 = store.lastCommit(id);
    store.writes().merge(id, rows("(2, 'b', 25)", "(5, 'e', 50)"), MergeSpec.upsert(col("t.id").equalTo(col("s.id"))));
    long v4 = store.version(id).orElseThrow();

    assertThat(List.of(v1.version(), v2, v3.version(), v4)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(v1.metric("numOutputRows")).isEqualTo(2);
    assertThat(v1.userMetadata()).isEqualTo("{\"run\":\"r1\"}");
    assertThat(v3.userMetadata()).isEmpty();
    assertThat(List.of(v3.metric("numSourceRows"), v3.metric("numTargetRowsInserted"), v3.metric("numTargetRowsUpdated")))
        .containsExactly(2L, 1L, 0L);
    assertThat(store.commitsAfter(id, 1)).extracting(Commit::version, Commit::operation)
        .containsExactly(tuple(2L, "WRITE"), tuple(3L, "MERGE"),
            tuple(4L, "MERGE"));
    assertThat(store.lastCommit(id).version()).isEqualTo(4);

    assertThat(contents(store.read(id, 1))).containsExactly("[1,a,10]", "[2,b,20]");
    assertThat(contents(store.read(id, 3))).containsExactly("[1,a,10]", "[2,b,20]", "[3,c,30]", "[4,d,40]");
    assertThat(contents(store.read(id, 4))).containsExactly("[1,a,10]", "[2,b,25]", "[3,c,30]", "[4,d,40]", "[5,e,50]");

    assertThat(contents(store.insertedRows(id, 1, 3))).as("the append's and the MERGE's inserted rows")
        .containsExactly("[3,c,30]", "[4,d,40]");
    assertThat(contents(store.insertedRows(id, 1, 2))).containsExactly("[3,c,30]");
    assertThat(store.insertedRows(id, 4, 4).count()).isZero();
    assertThat(store.changes(id, 3, 4).select("id").distinct().orderBy("id").collectAsList())
        .map(r -> r.getInt(0)).containsExactly(2, 5);
    assertThat(store.changes(id, 3, 4).select("_commit_version").distinct().collectAsList())
        .map(r -> r.getLong(0)).containsExactly(4L);
    assertThat(store.changes(id, 3, 4).select("_change_type").distinct().collectAsList()).map(r -> r.getString(0))
        .contains("insert").isSubsetOf("insert", "delete", "update_preimage", "update_postimage");
    if (format == Format.ICEBERG) {
      assertThat(icebergOperation((IcebergTableStore) store, id, 3)).as("a MERGE the incremental append scan skips")
          .isNotEqualTo("append");
    }
  }

  private static String icebergOperation(IcebergTableStore store, TableId id, long version) throws Exception {
    for (Snapshot snapshot : Spark3Util.loadIcebergTable(spark(), store.sqlName(id)).snapshots()) {
      if (snapshot.sequenceNumber() == version) {
        return snapshot.operation();
      }
    }
    throw new AssertionError("no snapshot with sequence number " + version);
  }
}

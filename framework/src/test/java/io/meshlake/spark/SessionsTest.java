package io.meshlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared session holds Iceberg tables in the {@code iceberg} catalog beside Delta's {@code spark_catalog}. */
class SessionsTest extends SparkTestBase {
  private static final String ICEBERG_TABLE = "iceberg.sessions_test.visits";

  @AfterEach
  void dropIcebergTable() {
    spark().sql("DROP TABLE IF EXISTS " + ICEBERG_TABLE + " PURGE");
  }

  @Test
  void icebergTableIsAppendedMergedOverwrittenByPartitionAndReadBySnapshot() throws Exception {
    spark().sql("CREATE NAMESPACE IF NOT EXISTS iceberg.sessions_test");
    spark().sql("DROP TABLE IF EXISTS " + ICEBERG_TABLE + " PURGE");
    spark().sql("CREATE TABLE " + ICEBERG_TABLE + " (visit_id BIGINT, day STRING, cost INT) USING iceberg"
        + " PARTITIONED BY (day)");

    spark().sql("SELECT * FROM VALUES (1L, 'd1', 10), (2L, 'd1', 20), (3L, 'd2', 30) AS s(visit_id, day, cost)")
        .writeTo(ICEBERG_TABLE).append();
    long appended = table().currentSnapshot().snapshotId();

    spark().sql("MERGE INTO " + ICEBERG_TABLE + " t"
        + " USING (SELECT * FROM VALUES (2L, 'd1', 25), (4L, 'd2', 40) AS v(visit_id, day, cost)) s"
        + " ON t.visit_id = s.visit_id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    assertThat(contents("SELECT * FROM " + ICEBERG_TABLE))
        .containsExactly("[1,d1,10]", "[2,d1,25]", "[3,d2,30]", "[4,d2,40]");

    spark().sql("SELECT * FROM VALUES (5L, 'd2', 50) AS s(visit_id, day, cost)")
        .writeTo(ICEBERG_TABLE).overwritePartitions();
    assertThat(contents("SELECT * FROM " + ICEBERG_TABLE)).containsExactly("[1,d1,10]", "[2,d1,25]", "[5,d2,50]");

    assertThat(contents("SELECT * FROM " + ICEBERG_TABLE + " VERSION AS OF " + appended))
        .containsExactly("[1,d1,10]", "[2,d1,20]", "[3,d2,30]");
    List<Snapshot> snapshots = new ArrayList<>();
    table().snapshots().forEach(snapshots::add);
    assertThat(snapshots).extracting(Snapshot::operation).containsExactly("append", "overwrite", "overwrite");
    assertThat(snapshots.get(2).summary()).containsEntry("added-records", "1").containsEntry("deleted-records", "2");
    assertThat(snapshots).extracting(Snapshot::sequenceNumber).containsExactly(1L, 2L, 3L);
    assertThat(table().location())
        .isEqualTo(spark().conf().get("spark.sql.catalog.iceberg.warehouse") + "/sessions_test/visits");
  }

  @Test
  void deltaTablesStillWorkBesideIceberg() {
    String location = freshWarehouse() + "/sessions_delta/visits";
    spark().sql("CREATE DATABASE sessions_delta");
    spark().sql("CREATE TABLE sessions_delta.visits (visit_id BIGINT, cost INT) USING delta LOCATION '" + location + "'");
    spark().sql("INSERT INTO sessions_delta.visits VALUES (1, 10), (2, 20)");

    spark().sql("MERGE INTO sessions_delta.visits t USING (SELECT * FROM VALUES (2L, 25), (3L, 30) AS v(visit_id, cost)) s"
        + " ON t.visit_id = s.visit_id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");

    assertThat(contents("SELECT * FROM sessions_delta.visits")).containsExactly("[1,10]", "[2,25]", "[3,30]");
    assertThat(contents("SELECT * FROM sessions_delta.visits VERSION AS OF 1")).containsExactly("[1,10]", "[2,20]");
    assertThat(spark().sql("DESCRIBE HISTORY sessions_delta.visits").select("version", "operation").collectAsList())
        .map(Row::toString).containsExactly("[2,MERGE]", "[1,WRITE]", "[0,CREATE TABLE]");
  }

  private static Table table() throws Exception {
    return Spark3Util.loadIcebergTable(spark(), ICEBERG_TABLE);
  }

  private static List<String> contents(String query) {
    return spark().sql(query + " ORDER BY 1").collectAsList().stream().map(Row::toString).toList();
  }
}

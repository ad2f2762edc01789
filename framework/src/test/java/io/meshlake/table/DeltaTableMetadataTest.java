package io.meshlake.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Delta store reads from a table's metadata and checksum instead of scanning it: properties,
 * comment, schema with column comments, and whether it holds any data. Each is checked against what SQL
 * set, as DESCRIBE would show it.
 */
class DeltaTableMetadataTest extends SparkTestBase {
  private static final TableId SCORES = new TableId("people", Layer.SILVER, "scores");

  private DeltaTableStore store;
  private String location;

  @BeforeEach
  void createAnEmptyTable() {
    store = new DeltaTableStore(spark(), freshWarehouse());
    store.create(SCORES, spark().sql("SELECT 'ann' AS name, CAST(3 AS BIGINT) AS total").schema(), List.of(),
        "Scores per person", Map.of("meshlake.owner", "people-team"));
    location = store.location(SCORES);
  }

  @Test
  void propertiesCommentAndSchemaFollowSqlChanges() {
    assertThat(store.properties(SCORES)).containsEntry("meshlake.owner", "people-team")
        .containsEntry("delta.enableChangeDataFeed", "true");
    assertThat(store.description(SCORES)).isEqualTo("Scores per person");

    spark().sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES ('meshlake.owner' = 'other-team')");
    spark().sql("ALTER TABLE delta.`" + location + "` ALTER COLUMN total COMMENT 'Sum of scores'");
    spark().sql("COMMENT ON TABLE delta.`" + location + "` IS 'Total score per person'");

    assertThat(store.properties(SCORES)).containsEntry("meshlake.owner", "other-team");
    assertThat(store.description(SCORES)).isEqualTo("Total score per person");
    StructField total = store.schema(SCORES).apply("total");
    assertThat(total.getComment().isDefined() ? total.getComment().get() : "").isEqualTo("Sum of scores");
    assertThat(store.schema(SCORES).fieldNames()).containsExactly("name", "total");
  }

  @Test
  void emptinessComesFromTheChecksumAndWithoutOneFromTheData() throws IOException {
    assertThat(store.isEmpty(location)).as("just created").isTrue();

    spark().sql("INSERT INTO delta.`" + location + "` VALUES ('ann', 3), ('bob', 5)");
    assertThat(store.isEmpty(location)).as("two rows").isFalse();

    spark().sql("DELETE FROM delta.`" + location + "`");
    assertThat(store.isEmpty(location)).as("every row deleted").isTrue();

    spark().sql("INSERT INTO delta.`" + location + "` VALUES ('cy', 1)");
    removeChecksums();
    assertThat(store.isEmpty(location)).as("one row, no checksum file to read it from").isFalse();
  }

  /** A table written by an engine that writes no checksum files: the store must read the data instead. */
  private void removeChecksums() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(java.net.URI.create(location + "/_delta_log")))) {
      for (Path crc : files.filter(f -> f.getFileName().toString().endsWith(".crc")).toList()) {
        Files.delete(crc);
      }
    }
    DeltaLog.clearCache();
  }
}

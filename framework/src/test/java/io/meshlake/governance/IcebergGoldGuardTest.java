package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.Input;
import io.meshlake.api.Layer;
import io.meshlake.api.ReadMode;
import io.meshlake.api.TableId;
import io.meshlake.api.WriteMode;
import io.meshlake.contract.Classification;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.SemanticVersion;
import io.meshlake.table.IcebergTableStore;
import io.meshlake.table.TableWriter;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gold guard on Iceberg tables: every way of writing a table {@code iceberg.<domain>_gold.<name>} through
 * the session's catalog — the table writer, DataFrame writes, SQL, procedures, the Iceberg API — is refused
 * outside a publication, naming the table and how to publish it, and leaves the table (its metadata, snapshot,
 * rows and files) as it was; inside {@link GoldGuard#open} the same writes go through, and reads that use the
 * catalog's table operations (metadata tables, changelog, incremental scans) keep working; silver tables are
 * never refused.
 */
class IcebergGoldGuardTest extends SparkTestBase {
  /** The session's Iceberg catalog outlives a test: each test has a domain of its own. */
  private static final AtomicInteger DOMAINS = new AtomicInteger();
  private static final Instant JAN = Instant.parse("2024-01-01T00:00:00Z");

  private IcebergTableStore store;
  private TableWriter writer;
  private TableId gold;
  private TableId silver;

  /**
   * One way of writing an existing table {@code (id BIGINT, name STRING, total INT)}.
   *
   * @param staged whether it is a create-or-replace, whose data files Iceberg leaves when its commit fails
   *     (Spark's abort of a staged table does nothing); every other write's are deleted
   */
  private record Route(String name, boolean staged, Write write) {
    Route(String name, Write write) {
      this(name, false, write);
    }
  }

  private interface Write {
    void to(TableId table) throws Exception;
  }

  /** What a refused write must leave as it was: the current metadata, version and rows, the metadata files. */
  private record State(String metadataFile, Optional<Long> version, List<String> rows, List<String> metadataFiles) {}

  @BeforeEach
  void tables() {
    store = new IcebergTableStore(spark());
    writer = new TableWriter(store);
    String domain = "iceguard" + DOMAINS.incrementAndGet();
    gold = new TableId(domain, Layer.GOLD, "scores");
    silver = new TableId(domain, Layer.SILVER, "scores");
    GoldGuard.open(List.of(store.location(gold)),
        () -> writer.write(table(gold, new WriteMode.Append()), rows("(1, 'ann', 10)", "(2, 'bob', 20)"), JAN, false));
    writer.write(table(silver, new WriteMode.Append()), rows("(1, 'ann', 10)", "(2, 'bob', 20)"), JAN, false);
  }

  private List<Route> routes() {
    return List.of(
        new Route("TableWriter append", t -> writer.write(table(t, new WriteMode.Append()), rows("(3, 'cid', 30)"), JAN,
            false)),
        new Route("TableWriter merge", t -> writer.write(table(t, new WriteMode.Merge(List.of("id"))),
            rows("(1, 'ann', 11)", "(4, 'dan', 40)"), JAN, false)),
        new Route("writeTo().append()", t -> rows("(5, 'eve', 50)").writeTo(name(t)).append()),
        new Route("writeTo().overwritePartitions()",
            t -> rows("(6, 'fay', 60)").writeTo(name(t)).overwritePartitions()),
        new Route("writeTo().createOrReplace()", true, t -> rows("(7, 'gus', 70)").writeTo(name(t)).using("iceberg")
            .createOrReplace()),
        new Route("INSERT INTO", t -> spark().sql("INSERT INTO " + name(t) + " VALUES (8, 'hal', 80)")),
        new Route("MERGE INTO", t -> spark().sql("MERGE INTO " + name(t) + " t USING (SELECT 2L AS id, 'bob' AS name,"
            + " 21 AS total) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")),
        new Route("UPDATE", t -> spark().sql("UPDATE " + name(t) + " SET total = 0 WHERE id = 1")),
        new Route("DELETE", t -> spark().sql("DELETE FROM " + name(t) + " WHERE id = 2")),
        new Route("ALTER TABLE SET TBLPROPERTIES", t -> spark().sql("ALTER TABLE " + name(t)
            + " SET TBLPROPERTIES ('meshlake.note' = 'changed')")),
        new Route("ALTER TABLE ADD COLUMN", t -> spark().sql("ALTER TABLE " + name(t) + " ADD COLUMN note STRING")),
        new Route("CALL expire_snapshots", t -> spark().sql("CALL iceberg.system.expire_snapshots(table => '"
            + t.namespace() + "." + t.name() + "', older_than => TIMESTAMP '9999-12-31 00:00:00', retain_last => 1)")
            .collect()),
        new Route("Table.updateProperties()", t -> icebergTable(t).updateProperties().set("meshlake.note", "by the API")
            .commit()));
  }

  @Test
  void everyWriteToAGoldTableOutsideAPublicationIsRefusedAndLeavesTheTableAsItWas() {
    for (Route route : routes()) {
      State before = state(gold);
      List<String> dataFiles = files(gold, "data");

      assertThatThrownBy(() -> route.write().to(gold)).as(route.name())
          .isInstanceOf(GoldGuard.GoldWriteRefusedException.class)
          .hasMessage("Refused to write gold table " + gold.namespace() + ".scores (" + store.location(gold) + "):"
              + " gold tables are written only by a publication, which checks the contract and the quality gate"
              + " and applies the governance policies (conf/governance/) for every consumer class. Declare the"
              + " product in its domain with .gold(Table.named(...)) and a contract, and let `meshlake run <domain>`"
              + " publish it");

      assertThat(state(gold)).as("%s: metadata, version, rows", route.name()).isEqualTo(before);
      if (!route.staged()) {
        assertThat(files(gold, "data")).as("%s: data files", route.name()).isEqualTo(dataFiles);
      }
    }
    assertThat(contents(gold)).containsExactly("[1,ann,10]", "[2,bob,20]");
  }

  @Test
  void aGoldTableIsCreatedOnlyInsideAPublication() {
    TableId fresh = new TableId(gold.domain(), Layer.GOLD, "fresh");
    String name = name(fresh);
    StructType schema = rows("(1, 'ann', 10)").schema();
    List<Write> creations = List.of(
        t -> store.create(t, schema, List.of(), "", Map.of()),
        t -> writer.write(table(t, new WriteMode.Overwrite()), rows("(1, 'ann', 10)"), JAN, false),
        t -> spark().sql("CREATE TABLE " + name + " (id BIGINT) USING iceberg"),
        t -> spark().sql("CREATE TABLE " + name + " USING iceberg AS SELECT 1L AS id"),
        t -> rows("(1, 'ann', 10)").writeTo(name).using("iceberg").create());

    for (Write creation : creations) {
      assertThatThrownBy(() -> creation.to(fresh)).isInstanceOf(GoldGuard.GoldWriteRefusedException.class)
          .hasMessageStartingWith("Refused to write gold table " + gold.namespace() + ".fresh (" + store.location(fresh)
              + "): gold tables are written only by a publication");
      assertThat(store.exists(fresh)).isFalse();
    }

    GoldGuard.open(List.of(store.location(fresh)),
        () -> writer.write(table(fresh, new WriteMode.Overwrite()), rows("(1, 'ann', 10)"), JAN, false));
    assertThat(contents(fresh)).containsExactly("[1,ann,10]");
  }

  @Test
  void insideAPublicationEveryWriteGoesThroughAndTheTableReadsAsBefore() {
    for (Route route : routes()) {
      State before = state(gold);

      GoldGuard.open(List.of(store.location(gold)), () -> {
        try {
          route.write().to(gold);
        } catch (Exception e) {
          throw new AssertionError(route.name() + " failed inside a publication", e);
        }
        return null;
      });

      assertThat(state(gold).metadataFile()).as(route.name()).isNotEqualTo(before.metadataFile());
    }
    long version = store.version(gold).orElseThrow();
    GoldGuard.open(List.of(store.location(gold)),
        () -> writer.write(table(gold, new WriteMode.Append()), rows("(9, 'ida', 90)"), JAN, false));

    assertThat(contents(gold)).containsExactly("[7,gus,70,null]", "[8,hal,80,null]", "[9,ida,90,null]");
    assertReadsAfter(gold, version);
  }

  @Test
  void silverTablesAreNeverRefused() throws Exception {
    for (Route route : routes()) {
      State before = state(silver);

      route.write().to(silver);

      assertThat(state(silver).metadataFile()).as(route.name()).isNotEqualTo(before.metadataFile());
    }
    long version = store.version(silver).orElseThrow();
    writer.write(table(silver, new WriteMode.Append()), rows("(9, 'ida', 90)"), JAN, false);

    assertThat(contents(silver)).containsExactly("[7,gus,70,null]", "[8,hal,80,null]", "[9,ida,90,null]");
    assertReadsAfter(silver, version);
  }

  /** The store's reads through the catalog's table operations, of an append after {@code version}. */
  private void assertReadsAfter(TableId id, long version) {
    assertThat(store.version(id)).contains(version + 1);
    assertThat(store.insertedRows(id, version, version + 1).collectAsList()).map(Row::toString)
        .containsExactly("[9,ida,90,null]");
    assertThat(store.changes(id, version, version + 1).select("id", "_change_type", "_commit_version").collectAsList())
        .map(Row::toString).containsExactly("[9,insert," + (version + 1) + "]");
    assertThat(scalar("SELECT count(*) FROM " + name(id) + ".snapshots")).as("the expired snapshots are gone")
        .isEqualTo(2L);
  }

  /** The table as a domain declares it; a gold one with a contract, which only a publication checks. */
  private static DerivedTable table(TableId id, WriteMode mode) {
    Optional<Contract> contract = id.layer() != Layer.GOLD ? Optional.empty()
        : Optional.of(new Contract(id.name(), id.domain(), "team@example.org", "scores", SemanticVersion.parse("1.0.0"),
            List.of("id"), List.of(new ContractColumn("id", "bigint", false, "the id", Classification.NONE)), List.of(),
            List.of(), null, null, null));
    return new DerivedTable(id, List.of(new Input("x", ReadMode.SNAPSHOT)), c -> c.input("x"), mode, List.of(),
        Optional.empty(), contract, "test");
  }

  private static Dataset<Row> rows(String... valuesSql) {
    return spark().sql("SELECT * FROM VALUES " + String.join(", ", valuesSql) + " AS t(id, name, total)")
        .selectExpr("CAST(id AS BIGINT) AS id", "name", "total");
  }

  private String name(TableId id) {
    return store.sqlName(id);
  }

  private Table icebergTable(TableId id) throws Exception {
    Table table = Spark3Util.loadIcebergTable(spark(), name(id));
    table.refresh();
    return table;
  }

  private List<String> contents(TableId id) {
    return spark().table(name(id)).orderBy("id").collectAsList().stream().map(Row::toString).toList();
  }

  private State state(TableId id) {
    try {
      String metadata = ((HasTableOperations) icebergTable(id)).operations().current().metadataFileLocation();
      return new State(metadata, store.version(id), contents(id), files(id, "metadata"));
    } catch (Exception e) {
      throw new AssertionError("Cannot read " + name(id), e);
    }
  }

  /** Every file in a folder of the table's ({@code data}, {@code metadata}). */
  private List<String> files(TableId id, String folder) {
    try (Stream<Path> files = Files.walk(Path.of(store.location(id), folder))) {
      return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

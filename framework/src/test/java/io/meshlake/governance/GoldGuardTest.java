package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.meshlake.api.DerivedTable;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.ingest.CsvLayout;
import io.meshlake.ingest.FieldType;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.run.BuildStatus;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.run.RunResult;
import io.meshlake.run.Runner;
import io.meshlake.table.Warehouse;
import io.meshlake.table.TableWriter;
import io.meshlake.testing.SparkTestBase;
import io.meshlake.testing.TestGovernance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No API path writes a gold table without governance: a publication through the runner works, and
 * every other way of writing one — domain code using the session, the table writer, SQL, the Delta
 * API — is refused with a message saying how to publish, leaving the table as it was.
 */
class GoldGuardTest extends SparkTestBase {
  private static final CsvLayout PEOPLE = CsvLayout.builder("people", "people")
      .required("Id", FieldType.STRING)
      .required("NAME", FieldType.STRING)
      .optional("SCORE", FieldType.INT)
      .build();
  private static final TableId SCORES = TableId.parse("people_gold.scores");

  @TempDir
  Path extract;
  private Warehouse store;

  private static DomainSpec people() {
    return DomainSpec.builder("people")
        .ingest("people_raw", PEOPLE)
        .silver(Table.named("persons").fromNewRowsOf("people_raw")
            .transform(c -> c.input("people_raw").select(col("id").as("person_id"), col("name"), col("score")))
            .merge("person_id"))
        .gold(Table.named("scores").from("persons")
            .transform(c -> c.input("persons").groupBy("name").agg(sum("score").as("total")))
            .overwrite())
        .build();
  }

  private RunResult run(DomainSpec... domains) {
    return new Runner(store, new RunLog(store.delta()), TestGovernance.governor(store), line -> { }).run(
        Planner.of(List.of(domains)).plan(Selection.domain(domains[domains.length - 1].name())),
        new RunOptions(extract.toString(), false, 1024, Optional.empty()));
  }

  private long version() {
    return store.version(SCORES).orElseThrow();
  }

  @BeforeEach
  void publishScores() {
    store = Warehouse.delta(spark(), freshWarehouse());
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,3", "p2,bob,4", "p3,ann,5");
    assertThat(run(people()).succeeded()).isTrue();
    assertThat(scalar("SELECT total FROM delta.`" + store.location(SCORES) + "` WHERE name = 'ann'")).isEqualTo(8L);
  }

  @Test
  void aDomainWhoseCodeWritesAnotherGoldTableThroughTheSessionFailsAndTheTableStaysAsItWas() {
    String victim = store.location(SCORES);
    DomainSpec sneaky = DomainSpec.builder("sneaky")
        .silver(Table.named("loot").from("people_gold.scores")
            .transform(c -> {
              c.input("scores").write().format("delta").mode("append").save(victim);
              return c.input("scores");
            })
            .overwrite())
        .build();
    long before = version();

    RunResult result = run(people(), sneaky);

    var build = result.builds().stream().filter(b -> b.table().qualifiedName().equals("sneaky_silver.loot")).findFirst()
        .orElseThrow();
    assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
    assertThat(build.message()).startsWith("Refused to write gold table people_gold.scores")
        .contains("gold tables are written only by a publication").contains("let `meshlake run <domain>` publish it");
    assertThat(version()).isEqualTo(before);
    assertThat(scalar("SELECT count(*) FROM delta.`" + victim + "`")).isEqualTo(2L);
  }

  @Test
  void theTableWriterRefusesAGoldTableOutsideAPublication() {
    DerivedTable scores = (DerivedTable) people().table("scores").orElseThrow();
    long before = version();

    assertThatThrownBy(() -> new TableWriter(store).write(scores, spark().sql("SELECT 'eve' AS name, 1L AS total"),
        Instant.now(), false))
        .isInstanceOf(GoldGuard.GoldWriteRefusedException.class)
        .hasMessageContaining("Refused to write gold table people_gold.scores");
    assertThat(version()).isEqualTo(before);
  }

  @Test
  void sqlAndTheDeltaApiCannotChangeOrCreateGoldTables() {
    String location = store.location(SCORES);
    long before = version();

    assertThatThrownBy(() -> spark().sql("UPDATE delta.`" + location + "` SET total = 0"))
        .hasStackTraceContaining("Refused to write gold table people_gold.scores");
    assertThatThrownBy(() -> spark().sql("INSERT INTO delta.`" + location + "` VALUES ('eve', 1)"))
        .hasStackTraceContaining("Refused to write gold table people_gold.scores");
    assertThatThrownBy(() -> spark().sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES ('x' = 'y')"))
        .hasStackTraceContaining("Refused to write gold table people_gold.scores");
    assertThatThrownBy(() -> DeltaTable.forPath(spark(), location).delete())
        .hasStackTraceContaining("Refused to write gold table people_gold.scores");
    String fake = store.delta().location("sneaky_gold", "fake");
    assertThatThrownBy(() -> spark().range(3).write().format("delta").save(fake))
        .hasStackTraceContaining("Refused to write gold table sneaky_gold.fake");

    assertThat(version()).isEqualTo(before);
    assertThat(scalar("SELECT count(*) FROM delta.`" + location + "`")).isEqualTo(2L);
    assertThat(store.delta().latestVersion(fake)).isEmpty();
  }

  @Test
  void aPublicationStillWritesAfterRefusals() {
    assertThatThrownBy(() -> spark().sql("DELETE FROM delta.`" + store.location(SCORES) + "`"))
        .hasStackTraceContaining("Refused to write gold table");
    write(extract.resolve("people.more.csv"), "Id,NAME,SCORE", "p4,cid,7");

    assertThat(run(people()).succeeded()).isTrue();

    assertThat(scalar("SELECT total FROM delta.`" + store.location(SCORES) + "` WHERE name = 'cid'")).isEqualTo(7L);
  }
}

package io.meshlake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.table.DeltaTableStore;
import io.meshlake.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractCommentsTest extends SparkTestBase {
  // The mechanics are the same on any Delta table; gold tables are written only by publications (GoldGuard).
  private static final TableId SCORES = new TableId("people", Layer.SILVER, "scores");
  private static final Contract CONTRACT = new Contract("scores", "people", "people-team@example.org",
      "Total score per person's name; it's the sum of every score", SemanticVersion.parse("1.0.0"), List.of("name"),
      List.of(new ContractColumn("name", "string", false, "The person's name", Classification.PHI),
          new ContractColumn("total", "bigint", true, "Sum of scores; empty without scores", Classification.NONE)),
      List.of(), List.of(), null, null, null);

  private DeltaTableStore store;

  @BeforeEach
  void publishAnUncommentedTable() {
    store = new DeltaTableStore(spark(), freshWarehouse());
    Dataset<Row> rows = spark().sql("SELECT 'ann' AS name, CAST(3 AS BIGINT) AS total");
    store.create(SCORES, rows.schema(), List.of(), null, Map.of());
    rows.write().format("delta").mode("append").save(store.location(SCORES));
  }

  /** DESCRIBE TABLE's column comments by column name (its rows are col_name, data_type, comment). */
  private static Map<String, String> describedComments() {
    return sql("DESCRIBE TABLE people_silver.scores").stream().filter(r -> !r.getString(0).isBlank()
            && !r.getString(0).startsWith("#"))
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.isNullAt(2) ? "" : r.getString(2)));
  }

  private static String describedTableComment() {
    return sql("DESCRIBE TABLE EXTENDED people_silver.scores").stream().filter(r -> r.getString(0).equals("Comment"))
        .map(r -> r.getString(1)).findFirst().orElse("");
  }

  @Test
  void describeTableShowsTheContractsDescriptions() {
    int changed = ContractComments.apply(store, SCORES, CONTRACT);

    assertThat(changed).isEqualTo(3);
    assertThat(describedComments()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "name", "The person's name", "total", "Sum of scores; empty without scores"));
    assertThat(describedTableComment()).isEqualTo("Total score per person's name; it's the sum of every score");
  }

  @Test
  void anUnchangedContractCommitsNothing() {
    ContractComments.apply(store, SCORES, CONTRACT);
    long version = store.version(SCORES).orElseThrow();

    assertThat(ContractComments.apply(store, SCORES, CONTRACT)).isZero();
    assertThat(store.version(SCORES)).contains(version);
  }

  @Test
  void aChangedDescriptionReplacesOnlyItsComment() {
    ContractComments.apply(store, SCORES, CONTRACT);
    Contract edited = new Contract("scores", "people", "people-team@example.org", CONTRACT.description(),
        SemanticVersion.parse("1.0.1"), List.of("name"), List.of(CONTRACT.columns().get(0),
            new ContractColumn("total", "bigint", true, "Sum of all scores", Classification.NONE)), List.of(), List.of(), null, null, null);

    assertThat(ContractComments.apply(store, SCORES, edited)).isEqualTo(1);
    assertThat(describedComments()).containsEntry("total", "Sum of all scores").containsEntry("name", "The person's name");
  }

  @Test
  void anOverwriteOfTheSchemaDropsColumnCommentsUnlessTheRowsCarryThem() {
    ContractComments.apply(store, SCORES, CONTRACT);
    Dataset<Row> next = spark().sql("SELECT 'bob' AS name, CAST(5 AS BIGINT) AS total");
    next.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(store.location(SCORES));
    assertThat(describedComments()).containsEntry("name", "");

    ContractComments.attach(CONTRACT, next).write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .save(store.location(SCORES));
    long version = store.version(SCORES).orElseThrow();

    assertThat(describedComments()).containsEntry("name", "The person's name")
        .containsEntry("total", "Sum of scores; empty without scores");
    assertThat(describedTableComment()).isEqualTo(CONTRACT.description());
    assertThat(ContractComments.apply(store, SCORES, CONTRACT)).isZero();
    assertThat(store.version(SCORES)).contains(version);
  }

  @Test
  void aTableCreatedFromAttachedRowsCarriesTheCommentsAndAReplaceWhereKeepsThem() {
    TableId fresh = new TableId("people", Layer.SILVER, "fresh_scores");
    Dataset<Row> rows = ContractComments.attach(CONTRACT, spark().sql("SELECT 'ann' AS name, CAST(3 AS BIGINT) AS total"));
    store.create(fresh, rows.schema(), List.of(), CONTRACT.description(), Map.of());
    rows.write().format("delta").mode("append").save(store.location(fresh));
    ContractComments.attach(CONTRACT, spark().sql("SELECT 'ann' AS name, CAST(4 AS BIGINT) AS total")).write()
        .format("delta").mode("overwrite").option("replaceWhere", "name = 'ann'").save(store.location(fresh));

    assertThat(scalar("SELECT total FROM people_silver.fresh_scores")).isEqualTo(4L);
    assertThat(ContractComments.apply(store, fresh, CONTRACT)).isZero();
    assertThat(sql("DESCRIBE TABLE people_silver.fresh_scores").stream().filter(r -> r.getString(0).equals("name"))
        .map(r -> r.getString(2)).toList()).containsExactly("The person's name");
  }

  @Test
  void aColumnTheTableLacksIsNamed() {
    Contract wider = new Contract("scores", "people", "o@example.org", "d", SemanticVersion.parse("1.0.0"), List.of(),
        List.of(new ContractColumn("rank", "int", true, "Rank", Classification.NONE)), List.of(), List.of(), null, null, null);

    assertThatThrownBy(() -> ContractComments.apply(store, SCORES, wider))
        .hasMessageContaining("people_silver.scores.rank").hasMessageContaining("its columns: name, total");
  }
}

package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.ingest.CsvLayout;
import io.meshlake.ingest.FieldType;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.run.RunResult;
import io.meshlake.run.Runner;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import io.meshlake.testing.TestGovernance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer classes whose views of an aggregate are identical read one table, derived and committed once; a class
 * whose policy comes to differ gets a table of its own at the next run.
 */
class SharedClassTableTest extends SparkTestBase {
  private static final CsvLayout ADMISSIONS = CsvLayout.builder("admissions", "admissions")
      .required("Id", FieldType.STRING)
      .required("WARD", FieldType.STRING)
      .required("MONTH", FieldType.STRING)
      .required("DAYS", FieldType.LONG)
      .build();
  private static final TableId PRODUCT = TableId.parse("wards_gold.admissions");
  private static final DomainSpec WARDS = DomainSpec.builder("wards")
      .ingest("admissions_raw", ADMISSIONS)
      .gold(Table.named("admissions").from("admissions_raw")
          .transform(c -> c.input("admissions_raw").groupBy(col("ward"), col("month"))
              .agg(countDistinct(col("id")).as("members"), sum(col("days")).as("days")))
          .overwrite())
      .build();

  @TempDir
  Path work;

  @Test
  void classesWithTheSameViewOfAnAggregateShareOneTableUntilTheirPoliciesDiffer() throws Exception {
    String location = freshWarehouse();
    Warehouse store = Warehouse.delta(spark(), location);
    Path extract = Files.createDirectories(work.resolve("extract"));
    List<String> lines = new ArrayList<>(List.of("Id,WARD,MONTH,DAYS"));
    admit(lines, "A", "2024-01", 20, 2);
    admit(lines, "A", "2024-02", 12, 1);
    admit(lines, "A", "2024-03", 15, 1);
    admit(lines, "B", "2024-01", 20, 3);
    admit(lines, "B", "2024-02", 13, 1);
    admit(lines, "B", "2024-03", 1, 5);
    Files.writeString(extract.resolve("admissions.csv"), String.join("\n", lines) + "\n");
    Path policies = Files.createDirectories(work.resolve("policies"));
    Governor governor = TestGovernance.governor(store, Optional.of(policies));
    Runner runner = new Runner(store, new RunLog(store.delta()), governor, line -> { });
    RunOptions options = new RunOptions(extract.toString(), false, 1024, Optional.empty());

    RunResult first = runner.run(Planner.of(List.of(WARDS)).plan(Selection.domain("wards")), options);

    assertThat(first.succeeded()).as(first.summary()).isTrue();
    Path analystTable = Path.of(location, Governor.GOVERNED, "analyst", "wards_gold", "admissions");
    Path researcherTable = Path.of(location, Governor.GOVERNED, "researcher", "wards_gold", "admissions");
    GovernedPublication published = first.governance().stream().filter(g -> g.product().equals(PRODUCT)).findFirst()
        .orElseThrow();
    GovernedPublication.ClassTable analyst = table(published, "analyst");
    GovernedPublication.ClassTable researcher = table(published, "researcher");
    assertThat(analyst.form()).isEqualTo(GovernedPublication.Form.TABLE);
    assertThat(researcher.form()).isEqualTo(GovernedPublication.Form.TABLE);
    assertThat(researcher.location()).isEqualTo(analyst.location()).endsWith("meshlake_governed/analyst/wards_gold/admissions");
    assertThat(Files.isDirectory(analystTable.resolve("_delta_log"))).isTrue();
    assertThat(researcherTable).doesNotExist();
    assertThat(deltaVersions(analystTable)).as("derived and committed once").containsExactly(0L);
    // The product's first publication records its contract (test resource wards/contracts/admissions.yaml) when it
    // creates the table: its history is the creation and the rows, no commit of its own for the properties.
    assertThat(operations(Path.of(store.location(PRODUCT)))).containsExactly("CREATE TABLE", "WRITE");
    assertThat(store.properties(PRODUCT)).containsEntry("meshlake.version", "1.0.0")
        .containsEntry("meshlake.owner", "test-team@example.org");
    assertThat(first.summary()).contains("governed wards_gold.admissions v", "analyst 6 rows, 4 cells suppressed,"
        + " researcher reads the analyst table");
    // Ward B's March (1 member) is small. Its complements, by hand: the smallest other cell of ward B (February, 13),
    // then of February (A, 12) and of March (A, 15); January's cells stay.
    List<String> expected = List.of("[A,2024-01,20,40]", "[A,2024-02,null,null]", "[A,2024-03,null,null]",
        "[B,2024-01,20,60]", "[B,2024-02,null,null]", "[B,2024-03,null,null]");
    String query = "SELECT ward, month, members, days FROM wards_gold.admissions ORDER BY ward, month";
    assertThat(rows(TestGovernance.asClass(store, governor, "analyst", WARDS, query))).isEqualTo(expected);
    assertThat(rows(TestGovernance.asClass(store, governor, "researcher", WARDS, query))).isEqualTo(expected);

    String shipped = new String(PolicySet.class.getClassLoader()
        .getResourceAsStream(PolicySet.RESOURCE_FOLDER + "consumer-classes.yaml").readAllBytes(), StandardCharsets.UTF_8);
    String researcherPolicy = shipped.substring(shipped.indexOf("  - name: researcher"));
    Files.writeString(policies.resolve("consumer-classes.yaml"), shipped.replace(researcherPolicy,
        researcherPolicy.replace("sensitive: [keep]", "sensitive: [drop]")));
    Governor changed = TestGovernance.governor(store, Optional.of(policies));
    RunResult second = new Runner(store, new RunLog(store.delta()), changed, line -> { })
        .run(Planner.of(List.of(WARDS)).plan(Selection.domain("wards")), options);

    assertThat(second.succeeded()).as(second.summary()).isTrue();
    assertThat(Files.isDirectory(researcherTable.resolve("_delta_log"))).as("the researcher's own table").isTrue();
    assertThat(rows(TestGovernance.asClass(store, changed, "researcher", WARDS,
        "SELECT * FROM wards_gold.admissions ORDER BY ward, month")))
        .as("ward, month, members, suppressed: no days").containsExactly("[A,2024-01,20,false]", "[A,2024-02,null,true]",
            "[A,2024-03,null,true]", "[B,2024-01,20,false]", "[B,2024-02,null,true]", "[B,2024-03,null,true]");
    assertThat(rows(TestGovernance.asClass(store, changed, "analyst", WARDS, query))).isEqualTo(expected);
  }

  /** Admissions of {@code members} new members to a ward in a month, each staying {@code days} days. */
  private static void admit(List<String> lines, String ward, String month, int members, int days) {
    for (int m = 1; m <= members; m++) {
      lines.add(ward + month + "-" + m + "," + ward + "," + month + "," + days);
    }
  }

  private static List<String> rows(List<Row> rows) {
    return rows.stream().map(Row::toString).toList();
  }

  private static GovernedPublication.ClassTable table(GovernedPublication publication, String consumerClass) {
    return publication.tables().stream().filter(t -> t.consumerClass().equals(consumerClass)).findFirst().orElseThrow();
  }

  private static List<String> operations(Path table) {
    return spark().sql("DESCRIBE HISTORY delta.`" + table + "`").orderBy("version").collectAsList().stream()
        .map(r -> r.getString(r.fieldIndex("operation"))).toList();
  }

  private static List<Long> deltaVersions(Path table) {
    return spark().sql("DESCRIBE HISTORY delta.`" + table + "`").collectAsList().stream().map(r -> r.getLong(0))
        .sorted().toList();
  }
}

package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the consumer classes' views show of a product, value by value, against values worked out here: the
 * analyst's pseudonym, masked SSN, year and ZIP area; the researcher's pseudonym and dates shifted per
 * patient (the policy's second date rule) by the keyed amount, the same for every date of a member.
 */
class ClassViewsTest extends SparkTestBase {
  private static final CsvLayout STAYS = CsvLayout.builder("stays", "stays")
      .required("Id", FieldType.STRING)
      .required("ADMITTED", FieldType.DATE)
      .optional("SSN", FieldType.STRING)
      .optional("ZIP", FieldType.STRING)
      .required("WARD", FieldType.STRING)
      .build();
  private static final TableId PRODUCT = TableId.parse("visits_gold.stays");
  private static final DomainSpec VISITS = DomainSpec.builder("visits")
      .ingest("stays_raw", STAYS)
      .gold(Table.named("stays").from("stays_raw")
          .transform(c -> c.input("stays_raw").select(col("id").as("member_id"), col("admitted"), col("ssn"), col("zip"),
              col("ward")))
          .overwrite())
      .build();
  private static final int MAX_SHIFT = 30;

  @TempDir
  Path work;

  @Test
  void eachClassSeesTheValuesItsPolicyGivesAndAMembersDatesShiftTogether() throws Exception {
    Warehouse store = Warehouse.delta(spark(), freshWarehouse());
    Path extract = Files.createDirectories(work.resolve("extract"));
    Files.writeString(extract.resolve("stays.csv"), String.join("\n", "Id,ADMITTED,SSN,ZIP,WARD",
        "m1,2024-01-10,123-45-6789,02139,A", "m1,2024-03-02,123-45-6789,02139,B", "m2,2024-02-29,,83001,A",
        "m3,2023-12-31,999-88-7777,,C") + "\n");
    Path policies = Files.createDirectories(work.resolve("policies"));
    String shipped = new String(PolicySet.class.getClassLoader()
        .getResourceAsStream(PolicySet.RESOURCE_FOLDER + "consumer-classes.yaml").readAllBytes(), StandardCharsets.UTF_8);
    Files.writeString(policies.resolve("consumer-classes.yaml"), shipped
        .replace("dates: year_only", "dates: shift_per_patient").replace("max_shift_days: 365", "max_shift_days: " + MAX_SHIFT));
    PseudonymKey key = TestGovernance.randomKey("k1");
    Governor governor = new Governor(store, PolicySet.load(Optional.of(policies)), () -> new PseudonymKeyring(List.of(key)));

    RunResult run = new Runner(store, new RunLog(store.delta()), governor, line -> { }).run(
        Planner.of(List.of(VISITS)).plan(Selection.domain("visits")),
        new RunOptions(extract.toString(), false, 1024, Optional.empty()));
    assertThat(run.succeeded()).as(run.summary()).isTrue();

    List<Row> analyst = TestGovernance.asClass(store, governor, "analyst", VISITS,
        "SELECT member_id, admitted, ssn, zip, ward FROM visits_gold.stays ORDER BY ward, ssn");
    assertThat(analyst).extracting(Row::toString).containsExactlyInAnyOrder(
        "[" + pseudonym(key, "m1") + ",2024,***-**-6789,021,A]",
        "[" + pseudonym(key, "m2") + ",2024,null,000,A]",
        "[" + pseudonym(key, "m1") + ",2024,***-**-6789,021,B]",
        "[" + pseudonym(key, "m3") + ",2023,***-**-7777,null,C]");

    List<Row> researcher = TestGovernance.asClass(store, governor, "researcher", VISITS,
        "SELECT * FROM visits_gold.stays ORDER BY ward, admitted");
    assertThat(researcher).hasSize(4);
    assertThat(researcher.get(0).schema().fieldNames()).as("the SSN is removed by Safe Harbor")
        .containsExactly("member_id", "admitted", "zip", "ward");
    Map<String, String> shown = new HashMap<>();
    for (Row r : researcher) {
      shown.put(r.getString(0) + "|" + r.getString(3), String.valueOf(r.get(1)));
    }
    for (String[] stay : List.of(new String[] {"m1", "A", "2024-01-10"}, new String[] {"m1", "B", "2024-03-02"},
        new String[] {"m2", "A", "2024-02-29"}, new String[] {"m3", "C", "2023-12-31"})) {
      int days = expectedShift(key, stay[0]);
      assertThat(days).isBetween(-MAX_SHIFT, MAX_SHIFT).isNotZero();
      assertThat(shown.get(pseudonym(key, stay[0]) + "|" + stay[1])).as("%s in ward %s", stay[0], stay[1])
          .isEqualTo(LocalDate.parse(stay[2]).plusDays(days).toString());
    }
  }

  /**
   * The pseudonym map is prepared while the product's files are written, and the product's commit waits for
   * it: when the map cannot be extended (its data files lost here: a real storage fault), the product is not
   * committed and keeps its published rows.
   */
  @Test
  void aProductIsNotCommittedWhenItsIdentifiersCannotBeAddedToThePseudonymMap() throws Exception {
    String location = freshWarehouse();
    Warehouse store = Warehouse.delta(spark(), location);
    Path extract = Files.createDirectories(work.resolve("extract"));
    Files.writeString(extract.resolve("stays.csv"), "Id,ADMITTED,SSN,ZIP,WARD\nm1,2024-01-10,,02139,A\n");
    Governor governor = new Governor(store, PolicySet.load(Optional.empty()),
        () -> new PseudonymKeyring(List.of(TestGovernance.randomKey("k1"))));
    Runner runner = new Runner(store, new RunLog(store.delta()), governor, line -> { });
    RunOptions options = new RunOptions(extract.toString(), false, 1024, Optional.empty());
    assertThat(runner.run(Planner.of(List.of(VISITS)).plan(Selection.domain("visits")), options).succeeded()).isTrue();
    long published = store.version(PRODUCT).orElseThrow();
    List<String> before = store.read(PRODUCT, published).collectAsList().stream().map(Row::toString).toList();

    try (var files = Files.walk(Path.of(location, Governor.GOVERNED, PseudonymMap.NAME))) {
      List<Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
      assertThat(parquet).as("the map's data files").isNotEmpty();
      for (Path file : parquet) {
        Files.delete(file);
      }
    }
    Files.writeString(extract.resolve("stays.csv"), "Id,ADMITTED,SSN,ZIP,WARD\nm2,2024-02-01,,02139,B\n");
    RunResult failed = runner.run(Planner.of(List.of(VISITS)).plan(Selection.domain("visits")), options);

    assertThat(failed.succeeded()).as(failed.summary()).isFalse();
    assertThat(failed.builds().stream().filter(b -> b.table().equals(PRODUCT)).findFirst().orElseThrow().message())
        .contains(PRODUCT + " was not published: what its consumer classes' views read could not be prepared");
    assertThat(store.version(PRODUCT)).contains(published);
    assertThat(store.read(PRODUCT, published).collectAsList()).extracting(Row::toString)
        .containsExactlyInAnyOrderElementsOf(before);
  }

  private static String pseudonym(PseudonymKey key, String member) throws Exception {
    return key.id() + ":" + PseudonymiserTest.hmacHex(key, "member:" + member);
  }

  /** The shift worked out by hand: first 32 bits of HMAC("date-shift:" + id) mod 60, onto -30..-1, 1..30. */
  private static int expectedShift(PseudonymKey key, String member) throws Exception {
    long bits = Long.parseLong(PseudonymiserTest.hmacHex(key, "date-shift:" + member).substring(0, 8), 16);
    long bucket = bits % (2L * MAX_SHIFT);
    return (int) (bucket < MAX_SHIFT ? -(bucket + 1) : bucket - MAX_SHIFT + 1);
  }
}

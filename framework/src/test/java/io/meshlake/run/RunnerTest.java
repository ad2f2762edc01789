package io.meshlake.run;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.DomainSpec;
import io.meshlake.api.IngestTable;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.ingest.BronzeIngestor;
import io.meshlake.ingest.CsvLayout;
import io.meshlake.ingest.ExtractScanner;
import io.meshlake.ingest.FieldType;
import io.meshlake.ingest.SourceFile;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest extends SparkTestBase {
  static final CsvLayout PEOPLE = CsvLayout.builder("people", "people")
      .required("Id", FieldType.STRING)
      .required("NAME", FieldType.STRING)
      .optional("SCORE", FieldType.INT)
      .build();
  private static final CsvLayout SPANS = CsvLayout.builder("spans", "spans")
      .required("PERSON", FieldType.STRING)
      .required("START", FieldType.DATE)
      .required("END", FieldType.DATE)
      .required("PLAN", FieldType.STRING)
      .build();

  @TempDir
  Path extract;
  private Warehouse store;
  private RunLog runLog;
  private final List<String> progress = new ArrayList<>();

  private static DomainSpec people(boolean failingGold) {
    return DomainSpec.builder("people")
        .ingest("people_raw", PEOPLE)
        .ingest("spans_raw", SPANS)
        .silver(Table.named("persons").fromNewRowsOf("people_raw")
            .transform(c -> io.meshlake.api.Deduplicate.latestArrival(c.input("people_raw"), "id")
                .select(col("id").as("person_id"), col("name"), col("score")))
            .merge("person_id"))
        .silver(Table.named("spans").fromNewRowsOf("spans_raw")
            .transform(c -> io.meshlake.api.Deduplicate.latestArrival(c.input("spans_raw"), "person", "start")
                .select(col("person").as("person_id"), col("start"), col("end"), col("plan")))
            .scd2(List.of("person_id", "start"), List.of("end", "plan")))
        .gold(Table.named("scores").from("persons")
            .transform(c -> {
              if (failingGold) {
                throw new IllegalStateException("boom: scores cannot be computed");
              }
              return c.input("persons").groupBy("name").agg(org.apache.spark.sql.functions.sum("score").as("total"));
            })
            .overwrite())
        .build();
  }

  private static DomainSpec consumer() {
    return DomainSpec.builder("consumer")
        .gold(Table.named("copy").from("people_gold.scores").transform(c -> c.input("scores")).overwrite())
        .build();
  }

  @BeforeEach
  void setUp() {
    store = Warehouse.delta(spark(), freshWarehouse());
    runLog = new RunLog(store.delta());
  }

  private RunResult run(DomainSpec spec, boolean fullRefresh) {
    var plan = Planner.of(List.of(spec, consumer())).plan(Selection.domain(spec.name()));
    return new Runner(store, runLog, io.meshlake.testing.TestGovernance.governor(store), progress::add).run(plan, new RunOptions(extract.toString(), fullRefresh, 1024, Optional.empty()));
  }

  private TableBuild build(RunResult result, String table) {
    return result.builds().stream().filter(b -> b.table().qualifiedName().equals(table)).findFirst().orElseThrow();
  }

  private long version(String table) {
    return store.version(TableId.parse(table)).orElseThrow();
  }

  /** 300 people over several 1 KiB splits; every 37th line is broken in one of three ways. */
  private static List<String> peopleLines() {
    List<String> lines = new ArrayList<>(List.of("NAME,SCORE,Id"));
    for (int i = 1; i <= 300; i++) {
      String line = switch (i % 37 == 0 ? (i / 37) % 3 : -1) {
        case 0 -> "name" + i + "," + i;                // a value missing
        case 1 -> "name" + i + ",many," + "p" + i;     // not an int
        case 2 -> "name" + i + "," + i + ",";          // empty required id
        default -> "name" + (i % 10) + "," + i + ",p" + i;
      };
      lines.add(line);
    }
    return lines;
  }

  /** A table's jobs carry its job group (the Spark UI's "Job Group"); the caller's group is restored after. */
  @Test
  void eachTableBuildsSparkJobsInItsOwnJobGroupAndTheCallersGroupIsRestored() throws Exception {
    write(extract.resolve("people.csv"), "NAME,SCORE,Id", "ann,3,p1", "bob,4,p2");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    Set<String> groups = ConcurrentHashMap.newKeySet();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        groups.add(String.valueOf(jobStart.properties().getProperty("spark.jobGroup.id")));
      }
    };
    spark().sparkContext().addSparkListener(listener);
    spark().sparkContext().setJobGroup("caller", "the caller's jobs", false);
    try {
      RunResult result = run(people(false), false);

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(spark().sparkContext().getLocalProperty("spark.jobGroup.id")).isEqualTo("caller");
      assertThat(spark().sparkContext().getLocalProperty("spark.job.description")).isEqualTo("the caller's jobs");
      List<String> expected = List.of("meshlake:people_bronze.people_raw", "meshlake:people_silver.persons",
          "meshlake:people_silver.spans", "meshlake:people_gold.scores", "caller");
      long deadline = System.currentTimeMillis() + 10_000; // listeners hear jobs asynchronously
      while (!groups.containsAll(expected) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(groups).as("the run log's jobs stay in the caller's group").containsAll(expected);
    } finally {
      spark().sparkContext().clearJobGroup();
      spark().sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void ingestsQuarantinesWithLineNumbersAndReconciles() {
    write(extract.resolve("people.csv"), peopleLines().toArray(String[]::new));
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");

    RunResult result = run(people(false), false);

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    TableBuild bronze = build(result, "people_bronze.people_raw");
    // independent expectation: lines i with i % 37 == 0 are the broken ones
    List<Integer> broken = new ArrayList<>();
    for (int i = 37; i <= 300; i += 37) {
      broken.add(i);
    }
    assertThat(bronze.rowsIn()).isEqualTo(300);
    assertThat(bronze.rowsQuarantined()).isEqualTo(broken.size());
    assertThat(bronze.rowsOut()).isEqualTo(300 - broken.size());
    assertThat(bronze.files()).singleElement().satisfies(f -> {
      assertThat(f.reconciles()).isTrue();
      assertThat(f.fileVersion()).isEqualTo(1);
    });
    assertThat(scalar("SELECT count(*) FROM people_bronze.people_raw")).isEqualTo(300L - broken.size());

    List<Row> quarantine = sql("SELECT line_number, reason, raw_line FROM people_bronze.people_raw_quarantine ORDER BY line_number");
    // data line i is file line i + 1 (the header is line 1)
    assertThat(quarantine).extracting(r -> r.getLong(0))
        .containsExactlyElementsOf(broken.stream().map(i -> (long) i + 1).toList());
    assertThat(quarantine.get(0).getString(1)).isEqualTo("unparsable value 'many' in SCORE: expected int"); // i = 37
    assertThat(quarantine.get(0).getString(2)).isEqualTo("name37,many,p37");
    assertThat(quarantine.get(1).getString(1)).isEqualTo("missing required value in Id"); // i = 74
    assertThat(quarantine.get(2).getString(1)).isEqualTo("wrong column count: 2 values, the header has 3"); // i = 111
    assertThat(quarantine.get(2).getString(2)).isEqualTo("name111,111");

    // silver and gold computed from the good rows only
    assertThat(scalar("SELECT count(*) FROM people_silver.persons")).isEqualTo(300L - broken.size());
    long expectedName3 = 0;
    for (int i = 3; i <= 300; i += 10) {
      expectedName3 += broken.contains(i) ? 0 : i;
    }
    assertThat(scalar("SELECT total FROM people_gold.scores WHERE name = 'name3'")).isEqualTo(expectedName3);
  }

  /**
   * Leaves the state of a run (id "died") that died after its bronze and quarantine commits but before
   * recording the run log. A crash cannot be produced in-process, so this does what the runner does up
   * to that point and stops there.
   */
  private void ingestWithoutRecording() {
    write(extract.resolve("people.csv"), peopleLines().toArray(String[]::new));
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    IngestTable people = (IngestTable) people(false).table("people_raw").orElseThrow();
    List<SourceFile> files = new ExtractScanner(spark().sparkContext().hadoopConfiguration())
        .scan(extract.toString(), people.format(), Map.of());
    new BronzeIngestor(store.delta(), 1024).ingest(people, files, Map.of(), "died", Instant.now(), false, progress::add);
  }

  @Test
  void anIngestThatWasCommittedButNeverRecordedIsCompletedNotRepeated() {
    ingestWithoutRecording();
    long bronzeRows = (long) scalar("SELECT count(*) FROM people_bronze.people_raw");
    long quarantined = (long) scalar("SELECT count(*) FROM people_bronze.people_raw_quarantine");

    RunResult next = run(people(false), false);

    TableBuild bronze = build(next, "people_bronze.people_raw");
    assertThat(bronze.message()).contains("recorded 1 file(s) an interrupted run had ingested");
    assertThat(bronze.files()).singleElement().satisfies(f -> {
      assertThat(f.rowsOut()).isEqualTo(bronzeRows);
      assertThat(f.rowsQuarantined()).isEqualTo(quarantined);
      assertThat(f.reconciles()).isTrue();
    });
    assertThat(scalar("SELECT count(*) FROM people_bronze.people_raw")).isEqualTo(bronzeRows);
    assertThat(scalar("SELECT count(*) FROM people_silver.persons")).isEqualTo(bronzeRows);
    assertThat(run(people(false), false).committedAnything()).isFalse();
  }

  @Test
  void refusedLinesOfAnInterruptedIngestAreQuarantinedAgainIfTheirCommitWasLost() {
    ingestWithoutRecording();
    long quarantined = (long) scalar("SELECT count(*) FROM people_bronze.people_raw_quarantine");
    // the run died before its quarantine commit: produced by removing what that commit wrote
    spark().sql("DELETE FROM people_bronze.people_raw_quarantine WHERE _ingest_run_id = 'died'");

    TableBuild bronze = build(run(people(false), false), "people_bronze.people_raw");

    assertThat(bronze.rowsQuarantined()).isEqualTo(quarantined);
    assertThat(sql("SELECT line_number FROM people_bronze.people_raw_quarantine ORDER BY line_number"))
        .extracting(r -> r.getLong(0)).containsExactly(38L, 75L, 112L, 149L, 186L, 223L, 260L, 297L);
  }

  @Test
  void aSecondRunCommitsNothing() {
    write(extract.resolve("people.csv"), peopleLines().toArray(String[]::new));
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    assertThat(run(people(false), false).succeeded()).isTrue();
    Map<String, Long> before = versions();

    RunResult again = run(people(false), false);

    assertThat(again.succeeded()).isTrue();
    assertThat(again.committedAnything()).isFalse();
    assertThat(again.builds()).allSatisfy(b -> assertThat(b.status()).isEqualTo(BuildStatus.UP_TO_DATE));
    assertThat(versions()).isEqualTo(before);
  }

  @Test
  void newAndChangedFilesAreIngestedOnceAndMergedIntoSilver() {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1", "p2,bob,2");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    run(people(false), false);

    write(extract.resolve("people.part2.csv"), "Id,NAME,SCORE", "p3,cy,3");
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,10", "p2,bob,2"); // p1 changed
    RunResult second = run(people(false), false);

    TableBuild bronze = build(second, "people_bronze.people_raw");
    assertThat(bronze.files()).extracting(f -> f.fileName() + " v" + f.fileVersion())
        .containsExactlyInAnyOrder("people.csv v2", "people.part2.csv v1");
    assertThat(scalar("SELECT count(*) FROM people_bronze.people_raw")).isEqualTo(5L);
    assertThat(sql("SELECT person_id, score FROM people_silver.persons ORDER BY person_id"))
        .extracting(Row::toString).containsExactly("[p1,10]", "[p2,2]", "[p3,3]");
    TableBuild silver = build(second, "people_silver.persons");
    assertThat(silver.rowsIn()).as("only the 3 new bronze rows are read").isEqualTo(3);
  }

  @Test
  void scd2KeepsHistoryWhenASpanChanges() {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A", "p1,2021-01-01,2021-12-31,A");
    run(people(false), false);
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A", "p1,2021-01-01,2021-06-30,B");
    run(people(false), false);

    List<Row> history = sql("SELECT start, end, plan, is_current, valid_to IS NULL FROM people_silver.spans ORDER BY start, is_current");
    assertThat(history).extracting(Row::toString).containsExactly(
        "[2020-01-01,2020-12-31,A,true,true]",
        "[2021-01-01,2021-12-31,A,false,false]",
        "[2021-01-01,2021-06-30,B,true,true]");
  }

  @Test
  void aFailedTableLeavesItsDataAndSkipsItsDependents() {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    run(people(false), false);
    long goldVersion = version("people_gold.scores");
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,5");

    RunResult failing = run(people(true), false);

    assertThat(failing.succeeded()).isFalse();
    assertThat(build(failing, "people_gold.scores").status()).isEqualTo(BuildStatus.FAILED);
    assertThat(build(failing, "people_gold.scores").message()).contains("boom: scores cannot be computed");
    assertThat(build(failing, "people_silver.persons").status()).isEqualTo(BuildStatus.SUCCEEDED);
    assertThat(version("people_gold.scores")).isEqualTo(goldVersion);
    assertThat(scalar("SELECT total FROM people_gold.scores")).isEqualTo(1L);
    assertThat(failing.summary()).contains("FAILED people_gold.scores: boom");
  }

  @Test
  void aJavaTransformCannotReadTablesItDoesNotDeclare() {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    run(people(false), false);
    DomainSpec sneaky = DomainSpec.builder("sneaky")
        .gold(Table.named("peek").from("people_gold.scores")
            .transform(c -> c.spark().read().format("delta").load(store.location(TableId.parse("people_silver.persons"))))
            .overwrite())
        .build();

    RunResult result = new Runner(store, runLog, io.meshlake.testing.TestGovernance.governor(store), progress::add).run(
        Planner.of(List.of(people(false), sneaky)).plan(Selection.domain("sneaky")),
        new RunOptions(extract.toString(), false, 1024, Optional.empty()));

    assertThat(build(result, "sneaky_gold.peek").status()).isEqualTo(BuildStatus.FAILED);
    assertThat(build(result, "sneaky_gold.peek").message())
        .contains("people_silver/persons").contains("not one of its declared inputs");
    assertThat(store.exists(TableId.parse("sneaky_gold.peek"))).isFalse();
  }

  @Test
  void aJavaTransformCannotReadAnIcebergTableEither() {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    run(people(false), false);
    spark().sql("CREATE TABLE IF NOT EXISTS iceberg.guarded_silver.mirror (id STRING) USING iceberg");
    spark().sql("INSERT INTO iceberg.guarded_silver.mirror VALUES ('p1')");
    DomainSpec sneaky = DomainSpec.builder("sneaky")
        .gold(Table.named("peek").from("people_gold.scores")
            .transform(c -> c.input("scores").join(c.spark().table("iceberg.guarded_silver.mirror"),
                c.input("scores").col("name").equalTo(org.apache.spark.sql.functions.col("id")), "left"))
            .overwrite())
        .build();

    RunResult result = new Runner(store, runLog, io.meshlake.testing.TestGovernance.governor(store), progress::add).run(
        Planner.of(List.of(people(false), sneaky)).plan(Selection.domain("sneaky")),
        new RunOptions(extract.toString(), false, 1024, Optional.empty()));

    assertThat(build(result, "sneaky_gold.peek").status()).isEqualTo(BuildStatus.FAILED);
    assertThat(build(result, "sneaky_gold.peek").message())
        .contains("iceberg.guarded_silver.mirror").contains("not one of its declared inputs")
        .doesNotContain("people_gold");
    assertThat(store.exists(TableId.parse("sneaky_gold.peek"))).isFalse();
  }

  @Test
  void aProductOfAnotherDomainMustBePublishedFirst() {
    RunResult result = new Runner(store, runLog, io.meshlake.testing.TestGovernance.governor(store), progress::add).run(
        Planner.of(List.of(people(false), consumer())).plan(Selection.domain("consumer")),
        new RunOptions(extract.toString(), false, 1024, Optional.empty()));
    assertThat(build(result, "consumer_gold.copy").message())
        .contains("people_gold.scores has not been built yet")
        .contains("run `./meshlake run people` first");
  }

  @Test
  void runLogRecordsEveryBuildWithVersions() throws Exception {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1");
    write(extract.resolve("spans.csv"), "PERSON,START,END,PLAN", "p1,2020-01-01,2020-12-31,A");
    RunResult result = run(people(false), false);
    List<Row> log = spark().read().format("delta").load(store.delta().location(RunLog.NAMESPACE, RunLog.TABLE))
        .where(col("run_id").equalTo(result.runId())).collectAsList();
    assertThat(log).hasSize(5);
    Row gold = log.stream().filter(r -> r.getString(r.fieldIndex("table_name")).equals("people_gold.scores")).findFirst().orElseThrow();
    assertThat(gold.getString(gold.fieldIndex("status"))).isEqualTo("SUCCEEDED");
    assertThat(gold.<String, Long>getJavaMap(gold.fieldIndex("input_versions")))
        .containsEntry("people_silver.persons", version("people_silver.persons"));
    assertThat(gold.getLong(gold.fieldIndex("output_version"))).isEqualTo(version("people_gold.scores"));
    assertThat(Files.exists(extract)).isTrue();
  }

  private Map<String, Long> versions() {
    return List.of("people_bronze.people_raw", "people_bronze.people_raw_quarantine", "people_silver.persons",
            "people_silver.spans", "people_gold.scores").stream()
        .filter(t -> store.exists(TableId.parse(t)))
        .collect(Collectors.toMap(t -> t, this::version));
  }
}

package io.meshlake.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import io.meshlake.api.TableId;
import io.meshlake.contract.SloKind;
import io.meshlake.testing.SparkTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityGateTest extends SparkTestBase {
  @TempDir
  Path history;

  private static Rule rule(String name, Check check, Action action) {
    return new Rule(name, "", check, action == Action.FAIL ? Level.ERROR : Level.WARNING, action,
        Optional.of(SloKind.VALIDITY), 1);
  }

  private Dataset<Row> candidate() {
    return spark().sql("SELECT * FROM VALUES"
        + " (1, 'A', 'm1', TIMESTAMP '2025-12-31 23:00:00'),"
        + " (2, 'B', 'm2', TIMESTAMP '2026-01-01 00:00:00'),"
        + " (3, 'C', 'm1', TIMESTAMP '2025-06-01 00:00:00'),"
        + " (4, 'A', NULL, TIMESTAMP '2025-12-01 00:00:00'),"
        + " (5, 'B', 'm3', TIMESTAMP '2025-12-15 00:00:00'),"
        + " (6, 'A', 'm1', TIMESTAMP '2025-11-01 00:00:00') AS t(id, code, member, at)");
  }

  private QualityGate gate() {
    Map<TableId, Dataset<Row>> tables = Map.of(
        TableId.parse("member_gold.members"), spark().sql("SELECT * FROM VALUES ('m1'), ('m2') AS t(member)"),
        TableId.parse("ref_silver.code_map"), spark().sql("SELECT * FROM VALUES ('A', 's1'), ('B', NULL) AS t(local, std)"));
    return new QualityGate(tables::get);
  }

  @Test
  void measuresEveryRuleOnThePublishableRowsInOneSuite() {
    List<Rule> rules = List.of(
        rule("code_in_set", new Check.ValueSet("code", List.of("A", "B"), 1.0), Action.QUARANTINE),
        rule("member_complete", new Check.Completeness("member", 1.0), Action.FAIL),
        rule("member_known", new Check.References("member", TableId.parse("member_gold.members"), "member", 1.0), Action.WARN),
        rule("code_mapped", new Check.MappedCodes("code", TableId.parse("ref_silver.code_map"), "local", "std", 1.0), Action.WARN),
        rule("fresh", new Check.Freshness("at", Duration.ofDays(1)), Action.FAIL),
        rule("few_rows", new Check.RowCount(1L, 3L), Action.WARN),
        rule("id_key", new Check.Uniqueness(List.of("id"), 1.0, true), Action.FAIL),
        rule("lines_valid", new Check.LineValidity(0.999), Action.FAIL));

    GateResult result = gate().evaluate(candidate(), rules, Instant.parse("2026-01-01T12:00:00Z"),
        new LineCounts(1000, 2), new FileSystemMetricsRepository(spark(), history.resolve("m.json").toString()), Optional.empty());

    Map<String, RuleOutcome> byName = result.outcomes().stream()
        .collect(Collectors.toMap(o -> o.rule().name(), o -> o));
    // Row 3 (code C) is quarantined; the other five rows are measured.
    assertThat(byName.get("code_in_set").status()).isEqualTo(RuleOutcome.Status.QUARANTINED);
    assertThat(byName.get("code_in_set").metric().getAsDouble()).isEqualTo(1.0);
    assertThat(byName.get("member_complete").status()).isEqualTo(RuleOutcome.Status.FAILED);
    assertThat(byName.get("member_complete").metric().getAsDouble()).isEqualTo(0.8); // 4 of 5 have a member
    assertThat(byName.get("member_known").status()).isEqualTo(RuleOutcome.Status.WARNED);
    assertThat(byName.get("member_known").metric().getAsDouble()).isEqualTo(0.8); // m3 unknown; null passes
    assertThat(byName.get("code_mapped").metric().getAsDouble()).isEqualTo(0.6); // B has no standard code
    assertThat(byName.get("fresh").status()).isEqualTo(RuleOutcome.Status.PASSED);
    assertThat(byName.get("fresh").metric().getAsDouble())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
    assertThat(byName.get("fresh").message()).isEqualTo("newest at is 12h before as-of, meets newest at at most 24h before as-of");
    assertThat(byName.get("few_rows").status()).isEqualTo(RuleOutcome.Status.WARNED);
    assertThat(byName.get("few_rows").metric().getAsDouble()).isEqualTo(5.0);
    assertThat(byName.get("id_key").status()).isEqualTo(RuleOutcome.Status.PASSED);
    assertThat(byName.get("lines_valid").status()).isEqualTo(RuleOutcome.Status.FAILED);
    assertThat(byName.get("lines_valid").message()).startsWith("998 of 1000 extract line(s) valid (0.9980)");
    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).extracting(o -> o.rule().name()).containsExactly("member_complete", "lines_valid");

    assertThat(result.publishable().columns()).containsExactly("id", "code", "member", "at");
    assertThat(result.publishable().select("id").as(org.apache.spark.sql.Encoders.INT()).collectAsList())
        .containsExactlyInAnyOrder(1, 2, 4, 5, 6);
    List<Row> quarantined = result.quarantined().collectAsList();
    assertThat(quarantined).hasSize(1);
    assertThat(quarantined.get(0).<String>getList(0)).containsExactly("code_in_set");
    assertThat(quarantined.get(0).getString(1)).contains("\"id\":3").contains("\"code\":\"C\"");
  }

  @Test
  void eachQuarantineRuleCountsTheRowsItMovedAndARuleMovingNoneHolds() {
    Rule codes = rule("code_known", new Check.ValueSet("code", List.of("A", "C"), 1.0), Action.QUARANTINE);
    Rule ids = rule("id_small", new Check.Range("id", null, 100.0, 1.0), Action.QUARANTINE);
    FileSystemMetricsRepository repository = new FileSystemMetricsRepository(spark(), history.resolve("q.json").toString());

    GateResult some = gate().evaluate(candidate(), List.of(codes, ids), Instant.now(), LineCounts.NONE, repository,
        Optional.empty());
    GateResult none = gate().evaluate(candidate(), List.of(ids), Instant.now(), LineCounts.NONE, repository,
        Optional.empty());

    // Rows 2 and 5 have code B; every id is below 100.
    assertThat(some.outcomes()).extracting(o -> o.rule().name() + " " + o.status() + " " + o.metric().getAsDouble())
        .containsExactly("code_known QUARANTINED 2.0", "id_small PASSED 0.0");
    assertThat(some.quarantined().count()).isEqualTo(2);
    assertThat(none.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RuleOutcome.Status.PASSED);
      assertThat(o.message()).startsWith("0 row(s) moved to quarantine");
    });
    assertThat(none.quarantined().count()).isZero();
  }

  @Test
  void aStaleCandidateFailsFreshness() {
    GateResult result = gate().evaluate(candidate(), List.of(rule("fresh", new Check.Freshness("at", Duration.ofHours(24)),
            Action.FAIL)), Instant.parse("2026-01-04T00:00:00Z"), LineCounts.NONE,
        new FileSystemMetricsRepository(spark(), history.resolve("f.json").toString()), Optional.empty());
    assertThat(result.passed()).isFalse();
    assertThat(result.outcomes().get(0).message()).isEqualTo("newest at is 3d before as-of, needs newest at at most 24h before as-of");
  }

  @Test
  void anIncrementalCandidateIsFreshWhenTheRowsItKeepsAre() {
    List<Rule> rules = List.of(rule("fresh", new Check.Freshness("at", Duration.ofHours(24)), Action.FAIL),
        rule("size", new Check.RowCount(7L, 7L), Action.FAIL));
    Dataset<Row> oldSlice = candidate().where("id = 6");
    Dataset<Row> kept = candidate().where("id <> 6");
    Instant asOf = Instant.parse("2026-01-01T12:00:00Z");
    FileSystemMetricsRepository repository = new FileSystemMetricsRepository(spark(), history.resolve("i.json").toString());
    assertThat(gate().evaluate(oldSlice, rules, asOf, LineCounts.NONE, repository, Optional.empty()).passed())
        .as("alone, a slice from November is stale and has 1 row").isFalse();
    GateResult withKept = gate().evaluate(oldSlice, rules, asOf, LineCounts.NONE, repository,
        Optional.of(kept.unionByName(candidate().where("id = 1"))));
    assertThat(withKept.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(RuleOutcome.Status.PASSED));
    assertThat(withKept.outcomes().get(0).metric().getAsDouble())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
  }

  @Test
  void rowCountAnomaliesAreJudgedAgainstStoredHistory() {
    FileSystemMetricsRepository repository = new FileSystemMetricsRepository(spark(), history.resolve("a.json").toString());
    List<Rule> rules = List.of(rule("steady", new Check.RowCountAnomaly(0.5, 1.0), Action.FAIL));
    GateResult first = gate().evaluate(candidate(), rules, Instant.now(), LineCounts.NONE, repository, Optional.empty());
    assertThat(first.passed()).isTrue();
    assertThat(first.outcomes().get(0).message()).contains("first publication");
    repository.save(new ResultKey(1000L, scala.collection.immutable.Map$.MODULE$.empty()), first.metrics());

    GateResult similar = gate().evaluate(candidate().where("id <= 4"), rules, Instant.now(), LineCounts.NONE, repository, Optional.empty());
    assertThat(similar.passed()).as("4 rows after 6 is a 33%% drop, within 50%%").isTrue();
    GateResult collapsed = gate().evaluate(candidate().where("id = 1"), rules, Instant.now(), LineCounts.NONE, repository, Optional.empty());
    assertThat(collapsed.passed()).as("1 row after 6 is an 83%% drop").isFalse();
    assertThat(collapsed.outcomes().get(0).metric().getAsDouble()).isEqualTo(1.0);
  }

  @Test
  void theNpiRuleAgreesWithTheCheckDigitArithmeticAndQuarantinesInvalidNpis() {
    java.util.Random random = new java.util.Random(7);
    List<String> npis = new java.util.ArrayList<>(List.of("1234567893", "1234567890", "160", "9999908392", "12345678x3",
        "01234567893", ""));
    for (int i = 0; i < 300; i++) {
      npis.add(String.format("%010d", random.nextLong(10_000_000_000L)));
    }
    long valid = npis.stream().filter(io.meshlake.codes.Npi::isValid).count();
    assertThat(valid).as("the sample mixes valid and invalid NPIs").isBetween(20L, 60L);
    Dataset<Row> candidate = spark().createDataset(npis, org.apache.spark.sql.Encoders.STRING()).toDF("npi")
        .unionByName(spark().sql("SELECT CAST(NULL AS STRING) AS npi"));

    GateResult result = gate().evaluate(candidate, List.of(rule("npi_valid", new Check.NpiCheckDigit("npi", 1.0),
        Action.QUARANTINE)), Instant.now(), LineCounts.NONE,
        new FileSystemMetricsRepository(spark(), history.resolve("n.json").toString()), Optional.empty());

    assertThat(result.publishable().collectAsList()).extracting(r -> r.getString(0)).filteredOn(java.util.Objects::nonNull)
        .containsExactlyInAnyOrderElementsOf(npis.stream().filter(io.meshlake.codes.Npi::isValid).toList());
    assertThat(result.quarantined().count()).isEqualTo(npis.size() - valid);
    assertThat(result.outcomes().get(0).status()).isEqualTo(RuleOutcome.Status.QUARANTINED);

    GateResult failing = gate().evaluate(candidate, List.of(rule("npi_valid", new Check.NpiCheckDigit("npi", 1.0),
        Action.FAIL)), Instant.now(), LineCounts.NONE,
        new FileSystemMetricsRepository(spark(), history.resolve("f.json").toString()), Optional.empty());
    assertThat(failing.passed()).isFalse();
    assertThat(failing.outcomes().get(0).metric().getAsDouble())
        .as("nulls count as compliant, like every row-level kind").isEqualTo((valid + 1.0) / (npis.size() + 1));
  }

  @Test
  void oneQueryComputesTheCandidateAndEveryScanMetric() throws Exception {
    LongAccumulator computed = spark().sparkContext().longAccumulator("rows computed");
    Dataset<Row> candidate = spark().range(0, 1000).selectExpr("id", "id % 7 AS amount",
            "TIMESTAMP '2026-01-01 00:00:00' - make_interval(0, 0, 0, 0, 0, 0, id) AS at")
        .filter((FilterFunction<Row>) row -> {
          computed.add(1);
          return true;
        })
        .persist(StorageLevel.MEMORY_ONLY());
    List<Rule> scanOnly = List.of(
        rule("amount_complete", new Check.Completeness("amount", 1.0), Action.FAIL),
        rule("amount_range", new Check.Range("amount", 0.0, 6.0, 1.0), Action.FAIL),
        rule("fresh", new Check.Freshness("at", Duration.ofDays(1)), Action.FAIL),
        rule("volume", new Check.RowCount(1000L, 1000L), Action.FAIL));
    QueryCounter queries = new QueryCounter();
    spark().sparkContext().addSparkListener(queries);
    try {
      GateResult result = gate().evaluate(candidate, scanOnly, Instant.parse("2026-01-01T12:00:00Z"), LineCounts.NONE,
          new FileSystemMetricsRepository(spark(), history.resolve("scan.json").toString()), Optional.empty());
      spark().sparkContext().listenerBus().waitUntilEmpty(); // the listener hears of queries asynchronously

      assertThat(result.passed()).as("%s", result.outcomes()).isTrue();
      assertThat(queries.started).as("one query computed the candidate and measured every rule").isEqualTo(1);
      assertThat(computed.value()).as("each candidate row computed once").isEqualTo(1000L);
      assertThat(result.buildPass()).isPositive();

      List<Rule> withKey = new java.util.ArrayList<>(scanOnly);
      withKey.add(rule("id_key", new Check.Uniqueness(List.of("id"), 1.0, true), Action.FAIL));
      GateResult keyed = gate().evaluate(candidate, withKey, Instant.parse("2026-01-01T12:00:00Z"), LineCounts.NONE,
          new FileSystemMetricsRepository(spark(), history.resolve("keyed.json").toString()), Optional.empty());
      assertThat(keyed.passed()).as("%s", keyed.outcomes()).isTrue();
      assertThat(computed.value()).as("the uniqueness pass reads the cached candidate").isEqualTo(1000L);
    } finally {
      spark().sparkContext().removeSparkListener(queries);
      candidate.unpersist();
    }
  }

  @Test
  void aKeyTheQueryGroupsOnNeedsNoPassOfItsOwnAndOneItDoesNotIsMeasured() throws Exception {
    List<Rule> key = List.of(rule("member_key", new Check.Uniqueness(List.of("member"), 1.0, true), Action.FAIL));
    Dataset<Row> grouped = candidate().groupBy("member").count().where("member IS NOT NULL").persist();
    QueryCounter queries = new QueryCounter();
    spark().sparkContext().addSparkListener(queries);
    try {
      GateResult byConstruction = gate().evaluate(grouped, key, Instant.now(), LineCounts.NONE,
          new FileSystemMetricsRepository(spark(), history.resolve("grouped.json").toString()), Optional.empty());
      spark().sparkContext().listenerBus().waitUntilEmpty();

      assertThat(byConstruction.passed()).isTrue();
      assertThat(queries.started).as("the build pass only, no grouping pass").isEqualTo(1);
      assertThat(byConstruction.outcomes().get(0).message()).contains("unique by construction");
    } finally {
      spark().sparkContext().removeSparkListener(queries);
      grouped.unpersist();
    }
    // The same members without the grouping: m1 repeats, and the measured uniqueness says so.
    GateResult measured = gate().evaluate(candidate().select("member").where("member IS NOT NULL"), key, Instant.now(),
        LineCounts.NONE, new FileSystemMetricsRepository(spark(), history.resolve("repeated.json").toString()),
        Optional.empty());
    assertThat(measured.passed()).isFalse();
    assertThat(measured.outcomes().get(0).message()).doesNotContain("by construction");
  }

  /** Counts the Spark SQL queries run while it listens (one per action, however many jobs AQE splits it into). */
  private static final class QueryCounter extends SparkListener {
    private volatile int started;

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
      if (event instanceof SparkListenerSQLExecutionStart) {
        started++;
      }
    }
  }
}

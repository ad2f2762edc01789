package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.table.TableFormat;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the member and claims domains through the CLI on the 27-patient Synthea CSV sample and checks
 * the gold products against values computed here from the raw CSV with plain Java.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberAndClaimsEndToEndTest extends SparkTestBase {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/synthea-csv-27-patients");
  static final List<String> TABLES = List.of(
      "member_bronze.patients_raw", "member_bronze.payer_transitions_raw", "member_silver.member_records",
      "member_silver.enrollment_spans", "member_gold.members", "member_gold.enrollment", "member_gold.member_months",
      "claims_bronze.claims_raw", "claims_bronze.claims_transactions_raw", "claims_silver.claims",
      "claims_silver.claim_lines", "claims_silver.payments_by_member_month", "claims_gold.member_month_costs",
      "claims_gold.payer_pmpm");

  @TempDir
  static Path work;
  static String warehouse;
  static Path extract;
  /** The arguments that choose the runs' environment (see {@link #productFormat()}). */
  static List<String> environment;

  /**
   * The format of every gold product in this test's runs (the local environment with {@code formats.default}
   * set); empty for the local environment as it is.
   */
  Optional<TableFormat> productFormat() {
    return Optional.empty();
  }

  @BeforeAll
  void runBothDomains() throws IOException {
    environment = ProductFormatEnvironment.arguments(productFormat(), work);
    warehouse = freshWarehouse();
    extract = Files.createDirectories(work.resolve("extract"));
    for (String f : List.of("patients", "payer_transitions", "claims", "claims_transactions", "providers",
        "organizations", "payers")) {
      Files.copy(FIXTURE.resolve(f + ".csv"), extract.resolve(f + ".csv"));
    }
    assertThat(cli("run", "member", "--as-of", asOf("member"), "--input", extract.toString())).isZero();
    assertThat(cli("run", "claims", "--as-of", asOf("claims"), "--input", extract.toString())).isZero();
  }

  static String asOf(String domain) {
    return RawCsv.sampleAsOf(FIXTURE, domain).toString();
  }

  static int cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--warehouse", warehouse));
    all.addAll(environment);
    return Meshlake.execute(all.toArray(String[]::new));
  }

  private static YearMonth month(String isoInstant) {
    return YearMonth.from(ZonedDateTime.parse(isoInstant).withZoneSameInstant(ZoneOffset.UTC));
  }

  @Test
  @Order(1)
  void memberMonthsMatchThePayerTransitions() {
    Set<String> expected = new HashSet<>();
    for (Map<String, String> t : coveringSpans()) {
      for (YearMonth m = month(t.get("START_YEAR")); !m.isAfter(month(t.get("END_YEAR"))); m = m.plusMonths(1)) {
        expected.add(t.get("PATIENT") + "|" + m.atDay(1) + "|" + t.get("PAYER"));
      }
    }
    Set<String> actual = sql("SELECT member_id, coverage_month, payer_id FROM member_gold.member_months").stream()
        .map(r -> r.getString(0) + "|" + r.get(1) + "|" + r.getString(2)).collect(Collectors.toSet());
    assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    assertThat(scalar("SELECT count(*) FROM member_gold.enrollment"))
        .as("every span of the extract is a current enrollment row").isEqualTo(1051L);
    assertThat(scalar("SELECT count(DISTINCT member_id) FROM member_gold.enrollment")).isEqualTo(
        (long) RawCsv.read(FIXTURE.resolve("payer_transitions.csv")).stream().map(r -> r.get("PATIENT")).distinct().count());
  }

  @Test
  @Order(2)
  void memberMonthCostsMatchTheTransactions() {
    Map<String, BigDecimal[]> expected = new TreeMap<>();
    Map<String, Set<String>> claims = new HashMap<>();
    for (Map<String, String> t : RawCsv.read(FIXTURE.resolve("claims_transactions.csv"))) {
      String key = t.get("PATIENTID") + "|" + month(t.get("FROMDATE")).atDay(1);
      BigDecimal[] sums = expected.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      if (t.get("TYPE").equals("CHARGE")) {
        sums[0] = sums[0].add(new BigDecimal(t.get("AMOUNT")));
      } else if (t.get("TYPE").equals("PAYMENT")) {
        sums[1] = sums[1].add(new BigDecimal(t.get("PAYMENTS")));
      }
      claims.computeIfAbsent(key, k -> new HashSet<>()).add(t.get("CLAIMID"));
    }
    List<Row> gold = sql("SELECT member_id, service_month, charges, payments, adjustments, claim_count"
        + " FROM claims_gold.member_month_costs");
    assertThat(gold).hasSize(expected.size());
    for (Row row : gold) {
      String key = row.getString(0) + "|" + row.get(1);
      assertThat(expected).containsKey(key);
      assertThat(row.getDecimal(2)).as("charges of %s", key).isEqualByComparingTo(expected.get(key)[0]);
      assertThat(row.getDecimal(3)).as("payments of %s", key).isEqualByComparingTo(expected.get(key)[1]);
      assertThat(row.getDecimal(4)).isEqualByComparingTo(BigDecimal.ZERO);
      assertThat(row.getLong(5)).as("claims of %s", key).isEqualTo(claims.get(key).size());
    }
  }

  @Test
  @Order(3)
  void payerPmpmMatchesClaimsAndMemberMonths() {
    Map<String, String> primaryPayer = new HashMap<>();
    RawCsv.read(FIXTURE.resolve("claims.csv")).forEach(c -> primaryPayer.put(c.get("Id"), c.get("PRIMARYPATIENTINSURANCEID")));
    Map<String, BigDecimal> paid = new HashMap<>();
    for (Map<String, String> t : RawCsv.read(FIXTURE.resolve("claims_transactions.csv"))) {
      String payer = primaryPayer.get(t.get("CLAIMID"));
      if (t.get("TYPE").equals("PAYMENT") && !payer.equals("0")) {
        paid.merge(payer + "|" + month(t.get("FROMDATE")).atDay(1), new BigDecimal(t.get("PAYMENTS")), BigDecimal::add);
      }
    }
    Map<String, Set<String>> members = new HashMap<>();
    for (Map<String, String> t : coveringSpans()) {
      for (YearMonth m = month(t.get("START_YEAR")); !m.isAfter(month(t.get("END_YEAR"))); m = m.plusMonths(1)) {
        members.computeIfAbsent(t.get("PAYER") + "|" + m.atDay(1), k -> new HashSet<>()).add(t.get("PATIENT"));
      }
    }
    Set<String> keys = new HashSet<>(paid.keySet());
    keys.addAll(members.keySet());
    List<Row> gold = sql("SELECT payer_id, month, member_months, amount_paid, paid_pmpm FROM claims_gold.payer_pmpm");
    assertThat(gold).hasSize(keys.size());
    for (Row row : gold) {
      String key = row.getString(0) + "|" + row.get(1);
      long memberMonths = members.getOrDefault(key, Set.of()).size();
      BigDecimal amount = paid.getOrDefault(key, BigDecimal.ZERO);
      assertThat(row.getLong(2)).as("member months of %s", key).isEqualTo(memberMonths);
      assertThat(row.getDecimal(3)).as("paid of %s", key).isEqualByComparingTo(amount);
      if (memberMonths == 0) {
        assertThat(row.isNullAt(4)).isTrue();
      } else {
        assertThat(row.getDecimal(4)).isEqualByComparingTo(amount.divide(BigDecimal.valueOf(memberMonths), 2,
            java.math.RoundingMode.HALF_UP));
      }
    }
    // one member month by hand: the first patient's first span (2014-10-14 .. 2015-10-20) with payer 6e2f1a2d...
    assertThat(scalar("SELECT count(*) FROM member_gold.member_months WHERE member_id = '3edac2e3-d223-6fae-d515-daf96ef6bc76'"
        + " AND payer_id = '6e2f1a2d-27bd-3701-8d08-dae202c58632' AND coverage_month = DATE'2014-10-01'")).isEqualTo(1L);
  }

  @Test
  @Order(4)
  void aSecondRunCommitsNothing() {
    Map<String, Long> before = versions();
    assertThat(cli("run", "member", "--as-of", asOf("member"), "--input", extract.toString())).isZero();
    assertThat(cli("run", "claims", "--as-of", asOf("claims"), "--input", extract.toString())).isZero();
    assertThat(versions()).isEqualTo(before);
  }

  @Test
  @Order(5)
  void aMalformedRowIsQuarantinedWithItsReasonAndTheFileReconciles() throws IOException {
    long linesBefore = (long) scalar("SELECT count(*) FROM claims_silver.claim_lines");
    String header = "ID,CLAIMID,PATIENTID,TYPE,AMOUNT,FROMDATE\n";
    String late1 = "late-1,9120543f-28b9-96ae-09eb-d54f6d918234,3edac2e3-d223-6fae-d515-daf96ef6bc76,CHARGE,10.00,2023-01-27T16:17:47Z\n";
    Path late = extract.resolve("claims_transactions.late.csv");
    Files.writeString(late, header + late1
        + "late-2,9120543f-28b9-96ae-09eb-d54f6d918234,3edac2e3-d223-6fae-d515-daf96ef6bc76,CHARGE,ten,2023-01-27T16:17:47Z\n",
        StandardOpenOption.CREATE_NEW);
    Object chargesBefore = januaryCharges();
    // One of the two new lines is malformed: the extract is below the 99.9% line validity rule, so
    // member_month_costs is not published from it.
    assertThat(cli("run", "claims", "--as-of", asOf("claims"), "--input", extract.toString())).isEqualTo(1);

    List<Row> quarantined = sql("SELECT line_number, reason, raw_line FROM claims_bronze.claims_transactions_raw_quarantine"
        + " WHERE _source_file LIKE '%claims_transactions.late.csv'");
    assertThat(quarantined).singleElement().satisfies(r -> {
      assertThat(r.getLong(0)).isEqualTo(3L);
      assertThat(r.getString(1)).isEqualTo("unparsable value 'ten' in AMOUNT: expected decimal(18,2)");
      assertThat(r.getString(2)).startsWith("late-2,");
    });
    Row file = sql("SELECT f.rows_in, f.rows_out, f.rows_quarantined FROM (SELECT explode(files) AS f FROM"
        + " meshlake_platform.run_log WHERE table_name = 'claims_bronze.claims_transactions_raw')"
        + " WHERE f.path LIKE '%late.csv'").get(0);
    assertThat(file.toString()).isEqualTo("[2,1,1]");
    assertThat(scalar("SELECT count(*) FROM claims_silver.claim_lines")).isEqualTo(linesBefore + 1);
    assertThat(januaryCharges()).isEqualTo(chargesBefore);

    // The corrected file, delivered again under the same name, replaces the bad one and is published.
    Files.writeString(late, header + late1
        + "late-2,9120543f-28b9-96ae-09eb-d54f6d918234,3edac2e3-d223-6fae-d515-daf96ef6bc76,CHARGE,10.00,2023-01-27T16:17:47Z\n");
    assertThat(cli("run", "claims", "--as-of", asOf("claims"), "--input", extract.toString())).isZero();
    assertThat(januaryCharges().toString()).isEqualTo(
        RawCsv.read(FIXTURE.resolve("claims_transactions.csv")).stream()
            .filter(t -> t.get("PATIENTID").equals("3edac2e3-d223-6fae-d515-daf96ef6bc76") && t.get("TYPE").equals("CHARGE")
                && month(t.get("FROMDATE")).atDay(1).equals(LocalDate.of(2023, 1, 1)))
            .map(t -> new BigDecimal(t.get("AMOUNT"))).reduce(new BigDecimal("20.00"), BigDecimal::add).toString());
  }

  private static Object januaryCharges() {
    return scalar("SELECT charges FROM claims_gold.member_month_costs WHERE member_id = '3edac2e3-d223-6fae-d515-daf96ef6bc76'"
        + " AND service_month = DATE'2023-01-01'");
  }

  @Test
  @Order(6)
  void incrementalRunsGiveWhatAFullRefreshGives() throws IOException {
    Files.writeString(extract.resolve("payer_transitions.late.csv"), "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER\n"
        + "3edac2e3-d223-6fae-d515-daf96ef6bc76,m-late,2030-01-05T00:00:00Z,2030-03-15T00:00:00Z,"
        + "6e2f1a2d-27bd-3701-8d08-dae202c58632\n", StandardOpenOption.CREATE_NEW);
    assertThat(cli("run", "member", "--as-of", asOf("member"), "--input", extract.toString())).isZero();
    assertThat(cli("run", "claims", "--as-of", asOf("claims"), "--input", extract.toString())).isZero();
    assertThat(sql("SELECT coverage_month FROM member_gold.member_months WHERE member_id = '3edac2e3-d223-6fae-d515-daf96ef6bc76'"
        + " AND coverage_month >= DATE'2030-01-01' ORDER BY coverage_month")).extracting(r -> r.get(0).toString())
        .containsExactly("2030-01-01", "2030-02-01", "2030-03-01");
    List<String> gold = List.of("member_gold.enrollment", "member_gold.member_months",
        "claims_silver.payments_by_member_month", "claims_gold.member_month_costs", "claims_gold.payer_pmpm");
    Map<String, List<String>> incremental = contents(gold);

    assertThat(cli("run", "member", "--as-of", asOf("member"), "--input", extract.toString(), "--full-refresh")).isZero();
    assertThat(cli("run", "claims", "--as-of", asOf("claims"), "--input", extract.toString(), "--full-refresh")).isZero();

    assertThat(contents(gold)).isEqualTo(incremental);
  }

  private static Map<String, List<String>> contents(List<String> tables) {
    Map<String, List<String>> contents = new TreeMap<>();
    for (String table : tables) {
      contents.put(table, sql("SELECT * FROM " + table).stream().map(Row::toString).sorted().toList());
    }
    return contents;
  }

  /** Payer transitions that cover time: the sample has one zero-length span (start = end), which covers none. */
  private static List<Map<String, String>> coveringSpans() {
    List<Map<String, String>> spans = RawCsv.read(FIXTURE.resolve("payer_transitions.csv")).stream()
        .filter(t -> !t.get("START_YEAR").equals(t.get("END_YEAR"))).toList();
    assertThat(spans).hasSize(1051 - 1);
    return spans;
  }

  /** Each table's latest commit. */
  private static Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    TABLES.forEach(table -> versions.put(table, ProductFormatEnvironment.latestCommit(spark(), table)));
    return versions;
  }
}

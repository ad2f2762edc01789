package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.table.TableFormat;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad extracts trip the right quality rules of the seed rule files (quality-rules/), on the 27-patient
 * Synthea sample: for each, the run fails with a message naming the rule, its metric and threshold, and
 * the gold product's version and rows stay exactly as they were; a quarantine rule moves the bad row
 * out and publishes the rest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityGatesEndToEndTest extends SparkTestBase {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/synthea-csv-27-patients");
  private static final String PATIENT = "3edac2e3-d223-6fae-d515-daf96ef6bc76";

  @TempDir
  static Path work;
  static String warehouse;
  static Path extract;
  /** The arguments that choose the runs' environment (see {@link #productFormat()}). */
  static List<String> environment;

  /** The format of every gold product in this test's runs; empty for the local environment as it is. */
  Optional<TableFormat> productFormat() {
    return Optional.empty();
  }

  @BeforeAll
  void publishTheSample() throws IOException {
    environment = ProductFormatEnvironment.arguments(productFormat(), work);
    warehouse = freshWarehouse();
    extract = Files.createDirectories(work.resolve("extract"));
    for (String f : List.of("patients", "payer_transitions", "claims", "claims_transactions")) {
      Files.copy(FIXTURE.resolve(f + ".csv"), extract.resolve(f + ".csv"));
    }
    for (String domain : List.of("member", "claims")) {
      Cli.Result published = run(domain, asOf(domain));
      assertThat(published.status()).as(published.all()).isZero();
    }
  }

  private static String asOf(String domain) {
    return RawCsv.sampleAsOf(FIXTURE, domain).toString();
  }

  /** Runs a domain through the CLI; the outcome holds its exit status and everything it printed (progress too). */
  private static Cli.Result run(String domain, String asOf) {
    return cli("run", domain, "--as-of", asOf, "--input", extract.toString());
  }

  /** Runs {@code meshlake <args>} on the test's warehouse in the test's environment. */
  private static Cli.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--warehouse", warehouse));
    all.addAll(environment);
    return Cli.run(all.toArray(String[]::new));
  }

  /** A product's latest commit and its rows, sorted. */
  private static Map<String, Object> snapshot(String table) {
    return Map.of("version", ProductFormatEnvironment.latestCommit(spark(), table), "rows", sql("SELECT * FROM " + table).stream().map(Row::toString).sorted().toList());
  }

  /** {@code n} transactions of the sample under new ids, with {@code edit} applied to each line's cells. */
  private static List<String> copiedTransactions(String prefix, int n, java.util.function.Consumer<String[]> edit)
      throws IOException {
    List<String> lines = Files.readAllLines(FIXTURE.resolve("claims_transactions.csv"));
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i <= n; i++) {
      String[] cells = lines.get(i).split(",", -1);
      cells[0] = prefix + "-" + i;
      edit.accept(cells);
      out.add(String.join(",", cells));
    }
    return out;
  }

  private static Row verdict(String product, String rule) {
    return sql("SELECT status, metric, published, message FROM meshlake_platform.quality_results WHERE product = '"
        + product + "' AND rule = '" + rule + "' ORDER BY checked_at DESC LIMIT 1").get(0);
  }

  @Test
  @Order(1)
  void aCodeOutsideItsValueSetStopsThePublicationUntilTheExtractIsFixed() throws IOException {
    Map<String, Object> before = snapshot("member_gold.enrollment");
    long spans = RawCsv.read(FIXTURE.resolve("payer_transitions.csv")).stream()
        .filter(r -> r.get("PATIENT").equals(PATIENT)).count();
    Path bad = extract.resolve("payer_transitions.fix.csv");
    String header = "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER,SECONDARY_PAYER,OWNERSHIP,OWNERNAME\n";
    String span = PATIENT + ",m-9,2024-06-01T00:00:00Z,2024-08-01T00:00:00Z,6e2f1a2d-27bd-3701-8d08-dae202c58632,,";
    Files.writeString(bad, header + span + "Cousin,\n");

    Cli.Result failed = run("member", asOf("member"));

    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.all()).contains("member_gold.enrollment was not published: 1 rule(s) failed")
        .contains("ownership_known: measured " + String.format("%.4f", (double) spans / (spans + 1))
            + ", needs share in [Self, Spouse, Guardian] >= 1.0")
        .contains("The published table is unchanged");
    assertThat(snapshot("member_gold.enrollment")).isEqualTo(before);
    Row verdict = verdict("member_gold.enrollment", "ownership_known");
    assertThat(verdict.getString(0)).isEqualTo("FAILED");
    assertThat(verdict.getDouble(1)).isEqualTo((double) spans / (spans + 1));
    assertThat(verdict.getBoolean(2)).isFalse();
    String kept = failed.all().replaceAll("(?s).*candidate is kept at (\\S+) .*", "$1");
    assertThat(sql("SELECT ownership FROM delta.`" + kept + "` WHERE member_id = '" + PATIENT
        + "' AND coverage_start_date = DATE'2024-06-01'")).extracting(r -> r.getString(0)).containsExactly("Cousin");

    Files.writeString(bad, header + span + "Self,\n");
    assertThat(run("member", asOf("member")).status()).isZero();
    assertThat(scalar("SELECT ownership FROM member_gold.enrollment WHERE member_id = '" + PATIENT
        + "' AND coverage_start_date = DATE'2024-06-01'")).isEqualTo("Self");
  }

  @Test
  @Order(2)
  void aMemberWithAnUncodedGenderWaitsInQuarantineWhileTheOthersArePublished() throws IOException {
    List<String> patients = Files.readAllLines(FIXTURE.resolve("patients.csv"));
    String[] cells = patients.get(1).split(",", -1);
    cells[0] = "member-with-gender-x";
    int gender = List.of(patients.get(0).split(",")).indexOf("GENDER");
    cells[gender] = "X";
    Files.write(extract.resolve("patients.x.csv"), List.of(patients.get(0), String.join(",", cells)));

    Cli.Result outcome = run("member", asOf("member"));

    assertThat(outcome.status()).isZero();
    assertThat(outcome.all()).contains("QUARANTINED gender_coded: 1 row(s) moved to quarantine");
    assertThat(scalar("SELECT count(*) FROM member_gold.members WHERE member_id = 'member-with-gender-x'")).isEqualTo(0L);
    assertThat(scalar("SELECT count(*) FROM member_gold.members")).isEqualTo((long) patients.size() - 1);
    List<Row> quarantined = sql("SELECT rules, record FROM member_gold.members_quarantine");
    assertThat(quarantined).singleElement().satisfies(r -> {
      assertThat(r.<String>getList(0)).containsExactly("gender_coded");
      assertThat(r.getString(1)).contains("\"member_id\":\"member-with-gender-x\"").contains("\"gender\":\"X\"");
    });
  }

  @Test
  @Order(3)
  void aMalformedClaimsExtractFailsLineValidity() throws IOException {
    Map<String, Object> before = snapshot("claims_gold.member_month_costs");
    List<String> lines = copiedTransactions("malformed", 20, c -> { });
    lines.set(5, lines.get(5) + ",extra");
    lines.set(9, lines.get(9).substring(0, lines.get(9).lastIndexOf(',')));
    Files.write(extract.resolve("claims_transactions.malformed.csv"), lines);

    Cli.Result failed = run("claims", asOf("claims"));

    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.all()).contains("claims_gold.member_month_costs was not published")
        .contains("claim_lines_valid: 18 of 20 extract line(s) valid (0.9000), needs valid lines >= 0.999");
    assertThat(snapshot("claims_gold.member_month_costs")).isEqualTo(before);
    assertThat(scalar("SELECT count(*) FROM claims_bronze.claims_transactions_raw_quarantine")).isEqualTo(2L);
  }

  @Test
  @Order(4)
  void aStaleExtractFailsFreshness() throws IOException {
    Map<String, Object> before = snapshot("claims_gold.member_month_costs");
    Files.write(extract.resolve("claims_transactions.stale.csv"), copiedTransactions("stale", 5, c -> { }));

    Cli.Result failed = run("claims", RawCsv.sampleAsOf(FIXTURE, "claims").plus(Duration.ofDays(3)).toString());

    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.all()).contains("claims_fresh: newest last_transaction_at is 3d before as-of,"
        + " needs newest last_transaction_at at most 24h before as-of");
    assertThat(snapshot("claims_gold.member_month_costs")).isEqualTo(before);
    assertThat(verdict("claims_gold.member_month_costs", "claims_fresh").getString(0)).isEqualTo("FAILED");
  }

  @Test
  @Order(5)
  void aClaimOfAnUnknownMemberFailsReferentialIntegrity() throws IOException {
    Map<String, Object> before = snapshot("claims_gold.member_month_costs");
    Files.write(extract.resolve("claims_transactions.orphan.csv"), copiedTransactions("orphan", 1,
        c -> c[3] = "no-such-member"));

    Cli.Result failed = run("claims", asOf("claims"));

    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.all()).containsPattern("member_known: measured 0\\.\\d{4}, needs share found in"
        + " member_gold.members.member_id >= 0.999");
    assertThat(snapshot("claims_gold.member_month_costs")).isEqualTo(before);
    assertThat(sql("SELECT * FROM claims_gold.member_month_costs WHERE member_id = 'no-such-member'")).isEmpty();
    Row verdict = verdict("claims_gold.member_month_costs", "member_known");
    assertThat(verdict.getDouble(1)).isLessThan(1.0);
    assertThat(verdict.getBoolean(2)).isFalse();
  }

  @Test
  @Order(6)
  void qualityShowsTheLatestVerdictsAndSloAttainment() {
    Cli.Result quality = cli("quality", "claims", "--product", "member_month_costs");
    assertThat(quality.status()).isZero();
    String out = quality.out();
    // Runs of member_month_costs: the sample (all met), malformed lines, stale, unknown member.
    assertThat(out).contains("claims_gold.member_month_costs  (run ").contains(": NOT PUBLISHED)")
        .contains("member_known                       FAILED")
        .contains("freshness      75.0% of 4 run(s)   ++-+")
        .contains("validity       25.0% of 4 run(s)   +---");
  }
}

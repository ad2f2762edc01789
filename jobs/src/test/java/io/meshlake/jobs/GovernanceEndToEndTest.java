package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.Platform;
import io.meshlake.config.Environment;
import io.meshlake.governance.ConsumerSession;
import io.meshlake.jobs.generate.GeneratorOptions;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import io.meshlake.table.TableFormat;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance at publication, end to end through the CLI on a generated demo-scale extract (200 members):
 * no identifier of the raw extracts reaches an analyst or researcher table; keyed pseudonyms (checked
 * against an HMAC computed here with the JDK) join member and claims products; {@code sql --as} sees only
 * the class's tables and is audited; small cells are suppressed with their complements; an opt-out
 * removes a member from research tables only; a new key changes pseudonyms of new publications only; the
 * audit log verifies, and a changed record is found.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceEndToEndTest extends SparkTestBase {
  static final List<String> PRODUCTS = List.of("member_gold.members", "member_gold.enrollment",
      "member_gold.member_months", "claims_gold.member_month_costs", "claims_gold.payer_pmpm");
  static final List<String> CLASSES = List.of("analyst", "researcher");

  @TempDir
  static Path work;
  static String warehouse;
  static Path extract;
  static Path envFile;
  static Path keyFile;
  static byte[] firstSecret;
  static List<Map<String, String>> patients;

  /** The format of every gold product in this test's runs ({@code formats.default}); empty for the shipped default. */
  Optional<TableFormat> productFormat() {
    return Optional.empty();
  }

  @BeforeAll
  void publishTheDemoExtract() throws IOException {
    warehouse = freshWarehouse();
    extract = work.resolve("extract");
    SyntheaCsvGenerator.generate(GeneratorOptions.of(200, extract).withBadFraction(0));
    patients = RawCsv.read(extract.resolve("patients.csv"));
    Path keys = Files.createDirectory(work.resolve("keys"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    keyFile = keys.resolve("pseudonym.keys");
    firstSecret = randomSecret();
    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, "test:" + Base64.getEncoder().encodeToString(firstSecret) + "\n");
    envFile = work.resolve("env.yaml");
    Files.writeString(envFile, """
        name: governance-test
        warehouse: %s
        input: %s
        governance:
          dev-key: %s
        %s""".formatted(warehouse, extract, keyFile, ProductFormatEnvironment.formatsSection(productFormat())));
    runBoth();
  }

  private static void runBoth() {
    for (String domain : List.of("member", "claims")) {
      Cli.Result run = cli("run", domain, "--as-of", SyntheaCsvGenerator.extractDate() + "T00:00:00Z");
      assertThat(run.status()).as(run.all()).isZero();
    }
  }

  private static Cli.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--env-file", envFile.toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  private static byte[] randomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** The pseudonym of a member id, computed here with the JDK's HMAC: {@code <key id>:hex(HMAC(key, "member:" + id))}. */
  private static String pseudonym(String keyId, byte[] secret, String memberId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return keyId + ":" + HexFormat.of().formatHex(mac.doFinal(("member:" + memberId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The rows a consumer class sees of a product: its view (or its table), registered under the product's name
   * as {@code sql --as} registers it, and read directly (not through the session's audited queries).
   */
  static List<Row> asClass(String consumerClass, String product) {
    Platform running = Platform.start(Environment.loadFile(envFile), Map.of(), line -> { });
    try (ConsumerSession session = ConsumerSession.open(running.store(), running.governor(), consumerClass,
        SqlCommand.goldProducts(), warning -> {
          throw new AssertionError(warning);
        })) {
      assertThat(session.tables()).contains(product);
      return spark().table(product).collectAsList();
    }
  }

  /** The rows of a table, by its SQL source: {@link #gold} or {@link #delta}. */
  private static List<Row> rows(String source) {
    return sql("SELECT * FROM " + source);
  }

  /** The Delta table at a location, for SQL. */
  private static String delta(String location) {
    return "delta.`" + location + "`";
  }

  private static long latestVersion(String location) {
    return io.delta.tables.DeltaTable.forPath(spark(), location).history(1).first().getLong(0);
  }

  private static Set<String> column(List<Row> rows, String name) {
    return rows.stream().map(r -> r.get(r.fieldIndex(name))).filter(v -> v != null).map(Object::toString)
        .collect(Collectors.toSet());
  }

  /** The gold table of a product, for SQL: by its Delta folder, or in the Iceberg catalog. */
  private static String gold(String product) {
    return ProductFormatEnvironment.source(spark(), warehouse, product);
  }

  /**
   * The columns holding only first days of months (coverage or service months): a month grain cannot show
   * a day of birth, so a member born on the 1st whose coverage starts that month is no leak.
   */
  private static Set<Integer> monthGrainColumns(List<Row> rows) {
    Set<Integer> months = new HashSet<>();
    for (int i = 0; i < rows.get(0).length(); i++) {
      int column = i;
      if (rows.stream().allMatch(r -> r.isNullAt(column) || r.get(column) instanceof java.time.LocalDate d
          && d.getDayOfMonth() == 1)) {
        months.add(i);
      }
    }
    return months;
  }

  @Test
  @Order(1)
  void noIdentifierOfTheRawExtractsReachesAnAnalystOrResearcherTable() {
    Set<String> exact = new HashSet<>();
    Set<String> contained = new HashSet<>();
    Stream.concat(
            patients.stream().flatMap(p -> Stream.of("Id", "SSN", "DRIVERS", "PASSPORT", "FIRST", "LAST", "MAIDEN",
                "ADDRESS", "CITY", "COUNTY", "ZIP", "BIRTHPLACE", "LAT", "LON").map(p::get)),
            Stream.concat(
                RawCsv.read(extract.resolve("payer_transitions.csv")).stream()
                    .flatMap(t -> Stream.of(t.get("MEMBERID"), t.get("OWNERNAME"))),
                RawCsv.read(extract.resolve("claims.csv")).stream().map(c -> c.get("Id"))))
        .filter(v -> v != null && !v.isEmpty())
        .forEach(v -> {
          exact.add(v);
          if (v.length() >= LEAK_PREFIX && !v.chars().allMatch(Character::isDigit)) {
            contained.add(v);
          }
        });
    Map<String, Set<String>> datesByPseudonym = new HashMap<>();
    for (Map<String, String> p : patients) {
      datesByPseudonym.put(pseudonym("test", firstSecret, p.get("Id")),
          Stream.of(p.get("BIRTHDATE"), p.get("DEATHDATE")).filter(d -> !d.isEmpty()).collect(Collectors.toSet()));
    }
    assertThat(exact).as("the extract's identifiers").hasSizeGreaterThan(1000);
    Map<String, List<String>> containedByPrefix = contained.stream()
        .collect(Collectors.groupingBy(v -> v.substring(0, LEAK_PREFIX)));
    assertThat(contained).allMatch(v -> containsAny("<" + v + ">", containedByPrefix));

    long cells = 0;
    List<String> leaks = new ArrayList<>();
    for (String consumerClass : CLASSES) {
      for (String product : PRODUCTS) {
        List<Row> rows = asClass(consumerClass, product);
        assertThat(rows).as("%s view of %s", consumerClass, product).isNotEmpty();
        Set<Integer> months = monthGrainColumns(rows);
        for (Row row : rows) {
          String member = row.schema().getFieldIndex("member_id").isDefined() ? row.getAs("member_id") : null;
          Set<String> ownDates = member == null ? Set.of() : datesByPseudonym.getOrDefault(member, Set.of());
          for (int i = 0; i < row.length(); i++) {
            if (row.isNullAt(i)) {
              continue;
            }
            String cell = row.get(i).toString();
            cells++;
            boolean ownDate = !months.contains(i) && ownDates.contains(cell);
            if (exact.contains(cell) || ownDate || containsAny(cell, containedByPrefix)) {
              leaks.add(consumerClass + " " + product + "." + row.schema().fields()[i].name() + " = " + cell);
            }
          }
        }
      }
    }
    assertThat(cells).isGreaterThan(10_000);
    assertThat(leaks).isEmpty();
  }

  private static final int LEAK_PREFIX = 6;

  /** Whether one of the values (grouped by their first {@value #LEAK_PREFIX} characters) occurs in the cell. */
  private static boolean containsAny(String cell, Map<String, List<String>> valuesByPrefix) {
    for (int i = 0; i + LEAK_PREFIX <= cell.length(); i++) {
      List<String> candidates = valuesByPrefix.get(cell.substring(i, i + LEAK_PREFIX));
      if (candidates != null) {
        int at = i;
        if (candidates.stream().anyMatch(v -> cell.startsWith(v, at))) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  @Order(2)
  void keyedPseudonymsJoinMemberAndClaimsProductsAndMatchAnIndependentHmac() {
    Map<String, String> expected = new HashMap<>();
    patients.forEach(p -> expected.put(pseudonym("test", firstSecret, p.get("Id")), p.get("Id")));
    Set<String> members = column(asClass("analyst", "member_gold.members"), "member_id");
    Set<String> costs = column(asClass("analyst", "claims_gold.member_month_costs"), "member_id");
    Set<String> researcherCosts = column(asClass("researcher", "claims_gold.member_month_costs"), "member_id");

    assertThat(members).hasSize(patients.size()).isEqualTo(expected.keySet());
    Set<String> goldCostMembers = column(rows(gold("claims_gold.member_month_costs")), "member_id");
    assertThat(costs).isEqualTo(goldCostMembers.stream().map(id -> pseudonym("test", firstSecret, id))
        .collect(Collectors.toSet()));
    assertThat(members).containsAll(costs);
    assertThat(researcherCosts).isEqualTo(costs);
  }

  @Test
  @Order(3)
  void sqlAsAClassSeesOnlyItsTablesUnderTheUsualNamesAndEveryQueryIsAudited() {
    long joined = rows(gold("claims_gold.member_month_costs")).size();

    Cli.Result analyst = cli("sql", "--as", "analyst", "--format", "csv",
        "SELECT count(*) AS n, count(DISTINCT m.ssn) AS ssns, max(length(c.member_id)) AS len"
            + " FROM claims_gold.member_month_costs c JOIN member_gold.members m USING (member_id)");
    Cli.Result silver = cli("sql", "--as", "analyst", "SELECT * FROM member_silver.member_records");
    Cli.Result path = cli("sql", "--as", "researcher", "SELECT count(*) FROM " + gold("member_gold.members"));
    Cli.Result write = cli("sql", "--as", "analyst", "DELETE FROM member_gold.members");
    Cli.Result program = cli("sql", "--as", "analyst",
        "SELECT TRANSFORM(member_id) USING 'env' AS (line) FROM member_gold.members");
    Cli.Result clinical = cli("sql", "--as", "clinical", "--format", "csv", "SELECT first_name FROM member_gold.members"
        + " WHERE member_id = '" + patients.get(0).get("Id") + "'");

    assertThat(analyst.status()).as(analyst.all()).isZero();
    String[] counts = analyst.out().lines().toList().get(1).split(",");
    assertThat(Long.parseLong(counts[0])).as("every member month of costs joins its member").isEqualTo(joined);
    assertThat(Long.parseLong(counts[2])).as("pseudonym length").isEqualTo("test:".length() + 64);
    assertThat(silver.status()).isEqualTo(2);
    assertThat(silver.err()).contains("Query refused for class analyst")
        .contains("may only run queries (SELECT ... or WITH ...) over member_gold.members, member_gold.enrollment,"
            + " member_gold.member_months, claims_gold.member_month_costs, claims_gold.payer_pmpm");
    assertThat(path.err()).contains("Query refused for class researcher: it reads")
        .contains("member_gold/members, which is none of the class's tables");
    assertThat(write.err()).contains("Query refused for class analyst: it is a command");
    assertThat(program.err()).contains("Query refused for class analyst: it runs a program (TRANSFORM ... USING)");
    assertThat(clinical.out()).contains(patients.get(0).get("FIRST"));
    assertThat(rows(gold("member_gold.members"))).as("the refused DELETE deleted nothing").hasSize(patients.size());
    List<Row> queries = sql("SELECT get_json_object(details, '$.class'), get_json_object(details, '$.status')"
        + " FROM delta.`" + warehouse + "/meshlake_platform/audit_log` WHERE kind = 'query' ORDER BY sequence");
    assertThat(queries.stream().map(r -> r.getString(0) + " " + r.getString(1)).toList()).containsExactly(
        "analyst allowed", "analyst refused", "researcher refused", "analyst refused", "analyst refused",
        "clinical allowed");
  }

  @Test
  @Order(4)
  void smallCellsOfTheAggregateAreHiddenWithTheirComplements() {
    Map<String, Long> gold = new HashMap<>();
    rows(gold("claims_gold.payer_pmpm")).forEach(r -> gold.put(r.getString(0) + "|" + r.get(1), r.getLong(2)));
    List<Row> analyst = asClass("analyst", "claims_gold.payer_pmpm");
    Map<String, List<Boolean>> byPayer = new HashMap<>();
    Map<String, List<Boolean>> byMonth = new HashMap<>();
    int small = 0;
    for (Row r : analyst) {
      String cell = r.getString(0) + "|" + r.get(1);
      long count = gold.get(cell);
      boolean suppressed = r.getAs("member_months_suppressed");
      if (count >= 1 && count < 11) {
        small++;
        assertThat(suppressed).as("small cell %s (%d)", cell, count).isTrue();
      }
      if (suppressed) {
        assertThat(r.isNullAt(r.fieldIndex("member_months"))).isTrue();
        assertThat(r.isNullAt(r.fieldIndex("amount_paid"))).isTrue();
      } else {
        assertThat(r.getLong(r.fieldIndex("member_months"))).isEqualTo(count);
      }
      byPayer.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(suppressed);
      byMonth.computeIfAbsent(String.valueOf(r.get(1)), k -> new ArrayList<>()).add(suppressed);
    }
    assertThat(analyst).hasSize(gold.size());
    assertThat(small).isPositive();
    assertThat(analyst.stream().filter(r -> !r.<Boolean>getAs("member_months_suppressed")).count())
        .as("some cells stay visible").isPositive();
    for (Map<String, List<Boolean>> lines : List.of(byPayer, byMonth)) {
      lines.forEach((line, flags) -> assertThat(flags.size() < 2 || flags.stream().filter(f -> f).count() != 1)
          .as("line %s must not have exactly one hidden cell: %s", line, flags).isTrue());
    }
  }

  @Test
  @Order(5)
  void aMemberWhoOptsOutOfResearchLeavesTheResearchTablesOnly() {
    String member = column(rows(gold("claims_gold.member_month_costs")), "member_id").iterator().next();
    String pseudonym = pseudonym("test", firstSecret, member);
    long monthsOfMember = rows(gold("member_gold.member_months")).stream()
        .filter(r -> r.getString(0).equals(member)).count();
    Cli.Result deny = cli("sql", "INSERT INTO meshlake_platform.consents VALUES ('" + member + "', 'research', 'deny',"
        + " NULL, NULL, current_timestamp())");
    assertThat(deny.status()).as(deny.all()).isZero();

    runBoth();

    for (String product : List.of("member_gold.members", "member_gold.member_months", "claims_gold.member_month_costs")) {
      assertThat(column(asClass("researcher", product), "member_id")).as("researcher %s", product)
          .doesNotContain(pseudonym).isNotEmpty();
      assertThat(column(asClass("analyst", product), "member_id")).as("analyst %s", product).contains(pseudonym);
      assertThat(column(rows(gold(product)), "member_id")).as("gold %s", product).contains(member);
    }
    Row decision = sql("SELECT details FROM delta.`" + warehouse + "/meshlake_platform/audit_log` WHERE kind ="
        + " 'policy_decision' AND get_json_object(details, '$.class') = 'researcher' AND get_json_object(details,"
        + " '$.product') = 'member_gold.member_months' ORDER BY sequence DESC LIMIT 1").get(0);
    assertThat(decision.getString(0)).contains("\"purpose\":\"research\"");
    assertThat(asClass("researcher", "member_gold.member_months")).as("every month but the member's")
        .hasSize(rows(gold("member_gold.member_months")).size() - (int) monthsOfMember);
  }

  @Test
  @Order(6)
  void aNewKeyChangesPseudonymsOfNewPublicationsOnly() throws IOException {
    Set<String> old = column(asClass("analyst", "member_gold.members"), "member_id");
    byte[] second = randomSecret();
    Files.writeString(keyFile, "k2:" + Base64.getEncoder().encodeToString(second) + "\n", StandardOpenOption.APPEND);
    assertThat(column(asClass("analyst", "member_gold.members"), "member_id")).as("until the products are published again")
        .isEqualTo(old);

    runBoth();

    Set<String> now = column(asClass("analyst", "member_gold.members"), "member_id");
    Set<String> ids = patients.stream().map(p -> p.get("Id")).collect(Collectors.toSet());
    assertThat(now).isEqualTo(ids.stream().map(id -> pseudonym("k2", second, id)).collect(Collectors.toSet()));
    assertThat(old).isEqualTo(ids.stream().map(id -> pseudonym("test", firstSecret, id)).collect(Collectors.toSet()));
    Set<String> costs = column(asClass("analyst", "claims_gold.member_month_costs"), "member_id");
    assertThat(costs).isNotEmpty().allMatch(p -> p.startsWith("k2:"));
    assertThat(now).containsAll(costs);
  }

  @Test
  @Order(7)
  void anIncrementShowsInTheViewsAndAddsOnlyItsNewMembersToThePseudonymMap() throws IOException {
    SyntheaCsvGenerator.generate(GeneratorOptions.of(5, extract).withBadFraction(0).withFirstMember(200).withPart("inc1"));
    List<String> added = RawCsv.read(extract.resolve("patients.inc1.csv")).stream().map(p -> p.get("Id")).toList();
    Map<String, String> span = RawCsv.read(extract.resolve("payer_transitions.csv")).get(0);
    String changed = span.get("PATIENT");
    Files.writeString(extract.resolve("payer_transitions.extra.csv"),
        "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER,SECONDARY_PAYER,OWNERSHIP,OWNERNAME\n" + changed + ","
            + span.get("MEMBERID") + ",2025-02-01T00:00:00Z,2025-05-01T00:00:00Z," + span.get("PAYER") + ",,Self,\n");
    byte[] current = Base64.getDecoder().decode(Files.readAllLines(keyFile).get(1).substring("k2:".length()));
    String map = delta(warehouse + "/meshlake_governed/pseudonyms");
    long mapVersion = latestVersion(warehouse + "/meshlake_governed/pseudonyms");

    runBoth();

    assertThat(column(asClass("analyst", "member_gold.members"), "member_id")).hasSize(patients.size() + added.size())
        .containsAll(added.stream().map(id -> pseudonym("k2", current, id)).toList());
    List<Row> months = asClass("analyst", "member_gold.member_months");
    assertThat(months).hasSameSizeAs(rows(gold("member_gold.member_months")));
    assertThat(months.stream().filter(r -> r.getString(0).equals(pseudonym("k2", current, changed))).count())
        .isEqualTo(rows(gold("member_gold.member_months")).stream().filter(r -> r.getString(0).equals(changed)).count());
    assertThat(column(asClass("researcher", "member_gold.members"), "member_id"))
        .containsAll(added.stream().map(id -> pseudonym("k2", current, id)).toList());
    List<Row> newEntries = sql("SELECT id FROM " + map + " VERSION AS OF " + latestVersion(
        warehouse + "/meshlake_governed/pseudonyms") + " EXCEPT ALL SELECT id FROM " + map + " VERSION AS OF " + mapVersion);
    assertThat(newEntries.stream().map(r -> r.getString(0)).toList()).as("only the new members were added")
        .containsExactlyInAnyOrderElementsOf(added);
  }

  @Test
  @Order(8)
  void theAuditLogVerifiesAndAChangedRecordIsFoundWhereItIs() {
    Cli.Result intact = cli("audit", "verify");
    assertThat(intact.status()).as(intact.all()).isZero();
    assertThat(intact.out()).startsWith("OK: the audit log is intact");
    List<String> kinds = sql("SELECT DISTINCT kind FROM delta.`" + warehouse + "/meshlake_platform/audit_log`").stream()
        .map(r -> r.getString(0)).toList();
    assertThat(kinds).containsExactlyInAnyOrder("run", "publication", "policy_decision", "query");
    String log = warehouse + "/meshlake_platform/audit_log";
    spark().sql("ALTER TABLE delta.`" + log + "` SET TBLPROPERTIES ('delta.appendOnly' = 'false')");
    spark().sql("UPDATE delta.`" + log + "` SET actor = 'mallory' WHERE sequence = 3");

    Cli.Result tampered = cli("audit", "verify");

    assertThat(tampered.status()).isEqualTo(1);
    assertThat(tampered.out()).contains("The audit log is NOT intact")
        .contains("record 3: its content does not match its hash").contains("actor was").contains("and is now mallory");
  }
}

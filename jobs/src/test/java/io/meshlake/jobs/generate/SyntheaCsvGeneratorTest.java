package io.meshlake.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meshlake.codes.Npi;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheaCsvGeneratorTest {

  /** Headers copied verbatim from a real Synthea v3 CSV export (providers: plus our NPI column). */
  private static final Map<String, String> SYNTHEA_HEADERS =
      Map.of(
          "patients",
          "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,LAST,SUFFIX,MAIDEN,MARITAL,RACE,ETHNICITY,GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,ZIP,LAT,LON,HEALTHCARE_EXPENSES,HEALTHCARE_COVERAGE",
          "payer_transitions",
          "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER,SECONDARY_PAYER,OWNERSHIP,OWNERNAME",
          "claims",
          "Id,PATIENTID,PROVIDERID,PRIMARYPATIENTINSURANCEID,SECONDARYPATIENTINSURANCEID,DEPARTMENTID,PATIENTDEPARTMENTID,DIAGNOSIS1,DIAGNOSIS2,DIAGNOSIS3,DIAGNOSIS4,DIAGNOSIS5,DIAGNOSIS6,DIAGNOSIS7,DIAGNOSIS8,REFERRINGPROVIDERID,APPOINTMENTID,CURRENTILLNESSDATE,SERVICEDATE,SUPERVISINGPROVIDERID,STATUS1,STATUS2,STATUSP,OUTSTANDING1,OUTSTANDING2,OUTSTANDINGP,LASTBILLEDDATE1,LASTBILLEDDATE2,LASTBILLEDDATEP,HEALTHCARECLAIMTYPEID1,HEALTHCARECLAIMTYPEID2",
          "claims_transactions",
          "ID,CLAIMID,CHARGEID,PATIENTID,TYPE,AMOUNT,METHOD,FROMDATE,TODATE,PLACEOFSERVICE,PROCEDURECODE,MODIFIER1,MODIFIER2,DIAGNOSISREF1,DIAGNOSISREF2,DIAGNOSISREF3,DIAGNOSISREF4,UNITS,DEPARTMENTID,NOTES,UNITAMOUNT,TRANSFEROUTID,TRANSFERTYPE,PAYMENTS,ADJUSTMENTS,TRANSFERS,OUTSTANDING,APPOINTMENTID,LINENOTE,PATIENTINSURANCEID,FEESCHEDULEID,PROVIDERID,SUPERVISINGPROVIDERID",
          "providers",
          "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,UTILIZATION" + ",NPI",
          "organizations",
          "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION",
          "payers",
          "Id,NAME,ADDRESS,CITY,STATE_HEADQUARTERED,ZIP,PHONE,AMOUNT_COVERED,AMOUNT_UNCOVERED,REVENUE,COVERED_ENCOUNTERS,UNCOVERED_ENCOUNTERS,COVERED_MEDICATIONS,UNCOVERED_MEDICATIONS,COVERED_PROCEDURES,UNCOVERED_PROCEDURES,COVERED_IMMUNIZATIONS,UNCOVERED_IMMUNIZATIONS,UNIQUE_CUSTOMERS,QOLS_AVG,MEMBER_MONTHS");

  private static final List<String> MEMBER_FILES =
      List.of("patients", "payer_transitions", "claims", "claims_transactions");
  private static final List<String> REFERENCE_FILES = List.of("payers", "organizations", "providers");
  private static final Pattern UUID_SHAPE =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern SSN = Pattern.compile("999-\\d{2}-\\d{4}");
  private static final Pattern MONEY = Pattern.compile("\\d+\\.\\d{2}");
  private static final Set<String> PAYMENT_METHODS = Set.of("CASH", "CHECK", "CC", "COPAY", "ECHECK");

  /** A clean first extract shared by the read-only tests. */
  @TempDir static Path cleanDir;

  private static GenerationReport clean;
  private static Map<String, CsvTable> cleanTables;
  private static final int CLEAN_MEMBERS = 600;

  @BeforeAll
  static void generateCleanExtract() throws IOException {
    clean = SyntheaCsvGenerator.generate(GeneratorOptions.of(CLEAN_MEMBERS, cleanDir).withSeed(2024));
    cleanTables = new HashMap<>();
    for (String base : SYNTHEA_HEADERS.keySet()) {
      cleanTables.put(base, CsvTable.read(cleanDir.resolve(base + ".csv")));
    }
  }

  @Test
  void headersEqualSyntheaV3Headers() {
    for (var e : SYNTHEA_HEADERS.entrySet()) {
      assertThat(cleanTables.get(e.getKey()).header).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void reportCountsEveryWrittenDataRow() throws IOException {
    assertThat(clean.files().keySet())
        .containsExactly(
            "payers.csv", "organizations.csv", "providers.csv", "patients.csv",
            "payer_transitions.csv", "claims.csv", "claims_transactions.csv");
    for (GenerationReport.FileReport f : clean.files().values()) {
      long lines;
      try (var l = Files.lines(cleanDir.resolve(f.fileName()))) {
        lines = l.count();
      }
      assertThat(f.rows()).as(f.fileName()).isEqualTo(lines - 1).isPositive();
    }
    assertThat(clean.files().get("patients.csv").rows()).isEqualTo(CLEAN_MEMBERS);
    assertThat(clean.totalRows())
        .isEqualTo(clean.files().values().stream().mapToLong(GenerationReport.FileReport::rows).sum());
  }

  @Test
  void badFractionZeroWritesNoMalformedRows() {
    assertThat(clean.totalMalformed()).isZero();
    for (String base : MEMBER_FILES) {
      assertThat(cleanTables.get(base).problemCounts(base).values()).as(base).containsOnly(0L);
    }
  }

  @Test
  void idsAreUuidShapedAndUnique() {
    for (String base : List.of("patients", "claims", "claims_transactions", "payers", "organizations", "providers")) {
      List<String> ids = column(base, cleanTables.get(base).columns.get(0));
      assertThat(ids).as(base).allMatch(id -> UUID_SHAPE.matcher(id).matches());
      assertThat(new HashSet<>(ids)).as(base).hasSameSizeAs(ids);
    }
    assertThat(column("payer_transitions", "MEMBERID")).allMatch(id -> UUID_SHAPE.matcher(id).matches());
    assertThat(column("claims", "APPOINTMENTID")).allMatch(id -> UUID_SHAPE.matcher(id).matches());
  }

  @Test
  void everyProviderHasAValidUniqueNpi() {
    List<String> npis = column("providers", "NPI");
    assertThat(npis).isNotEmpty().allMatch(Npi::isValid);
    assertThat(new HashSet<>(npis)).hasSameSizeAs(npis);
  }

  @Test
  void patientValuesLookLikeSynthea() {
    CsvTable patients = cleanTables.get("patients");
    for (String[] p : patients.rows) {
      assertThat(p[patients.column("SSN")]).matches(SSN);
      assertThat(p[patients.column("FIRST")]).matches("\\p{L}+\\d{1,3}");
      assertThat(p[patients.column("LAST")]).matches("\\p{L}+\\d{1,3}");
      assertThat(p[patients.column("GENDER")]).isIn("M", "F");
      assertThat(p[patients.column("HEALTHCARE_EXPENSES")]).matches(MONEY);
      LocalDate birth = LocalDate.parse(p[patients.column("BIRTHDATE")]);
      assertThat(birth).isAfterOrEqualTo(LocalDate.of(1924, 1, 1)).isBefore(LocalDate.of(2026, 1, 1));
      String death = p[patients.column("DEATHDATE")];
      if (!death.isEmpty()) {
        assertThat(LocalDate.parse(death)).isAfter(birth).isBefore(LocalDate.of(2026, 1, 1));
      }
    }
  }

  @Test
  void populationIsPlausible() {
    CsvTable patients = cleanTables.get("patients");
    List<Integer> ages =
        column("patients", "BIRTHDATE").stream().map(b -> 2025 - LocalDate.parse(b).getYear()).toList();
    assertThat(ages).allMatch(a -> a >= 0 && a <= 101);
    assertThat(ages.stream().filter(a -> a >= 18).count()).isGreaterThan(CLEAN_MEMBERS * 6L / 10);
    assertThat(ages.stream().filter(a -> a < 18).count()).isGreaterThan(CLEAN_MEMBERS / 10L);
    assertThat(ages.stream().filter(a -> a >= 65).count()).isGreaterThan(CLEAN_MEMBERS / 10L);
    long female = column("patients", "GENDER").stream().filter("F"::equals).count();
    assertThat(female).isBetween(CLEAN_MEMBERS * 4L / 10, CLEAN_MEMBERS * 6L / 10);
    long deceased = patients.rows.stream().filter(p -> !p[patients.column("DEATHDATE")].isEmpty()).count();
    assertThat(deceased).isBetween(1L, CLEAN_MEMBERS * 4L / 100);

    Map<String, Long> claimsPerMember =
        column("claims", "PATIENTID").stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(claimsPerMember).as("every member has claims").hasSize(CLEAN_MEMBERS);
    double mean = column("claims", "Id").size() / (double) CLEAN_MEMBERS;
    assertThat(mean).isCloseTo(45.0, within(10.0));
    long max = claimsPerMember.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(max).as("long tail").isGreaterThan((long) (4 * mean));
    long median = claimsPerMember.values().stream().sorted().skip(claimsPerMember.size() / 2).findFirst().orElseThrow();
    assertThat((double) median).as("skewed: median below mean").isLessThan(mean);

    List<String> serviceYears = column("claims", "SERVICEDATE").stream().map(s -> s.substring(0, 4)).toList();
    assertThat(serviceYears).allMatch(y -> y.compareTo("2008") >= 0 && y.compareTo("2025") <= 0);
    long since2015 = serviceYears.stream().filter(y -> y.compareTo("2015") >= 0).count();
    assertThat(since2015).isGreaterThan(serviceYears.size() * 3L / 4);
  }

  @Test
  void payersIncludeMedicareMedicaidAndNoInsuranceAndClaimsUseThem() {
    Map<String, String> payerNames = new HashMap<>();
    CsvTable payers = cleanTables.get("payers");
    for (String[] p : payers.rows) {
      payerNames.put(p[0], p[payers.column("NAME")]);
    }
    assertThat(payerNames.values()).contains("Medicare", "Medicaid", "NO_INSURANCE");
    Set<String> claimPayers = new HashSet<>(column("claims", "PRIMARYPATIENTINSURANCEID"));
    assertThat(claimPayers).contains("0");
    assertThat(claimPayers.stream().map(payerNames::get).collect(Collectors.toSet()))
        .contains("Medicare", "Medicaid", "Aetna")
        .doesNotContain("NO_INSURANCE");
  }

  @Test
  void referencesResolve() {
    Set<String> patients = new HashSet<>(column("patients", "Id"));
    Set<String> providers = new HashSet<>(column("providers", "Id"));
    Set<String> organizations = new HashSet<>(column("organizations", "Id"));
    Set<String> payers = new HashSet<>(column("payers", "Id"));
    Map<String, String> claimPatient = new HashMap<>();
    CsvTable claims = cleanTables.get("claims");
    for (String[] c : claims.rows) {
      claimPatient.put(c[0], c[claims.column("PATIENTID")]);
    }
    assertThat(column("providers", "ORGANIZATION")).allMatch(organizations::contains);
    assertThat(column("payer_transitions", "PATIENT")).allMatch(patients::contains);
    assertThat(column("payer_transitions", "PAYER")).allMatch(payers::contains);
    assertThat(column("payer_transitions", "SECONDARY_PAYER")).allMatch(p -> p.isEmpty() || payers.contains(p));
    assertThat(column("claims", "PATIENTID")).allMatch(patients::contains);
    assertThat(column("claims", "PROVIDERID")).allMatch(providers::contains);
    assertThat(column("claims", "PRIMARYPATIENTINSURANCEID")).allMatch(p -> p.equals("0") || payers.contains(p));
    assertThat(column("claims", "SECONDARYPATIENTINSURANCEID")).allMatch(p -> p.equals("0") || payers.contains(p));
    CsvTable tx = cleanTables.get("claims_transactions");
    for (String[] t : tx.rows) {
      String claim = t[tx.column("CLAIMID")];
      assertThat(claimPatient).containsKey(claim);
      assertThat(t[tx.column("PATIENTID")]).isEqualTo(claimPatient.get(claim));
      assertThat(providers).contains(t[tx.column("PROVIDERID")]);
      assertThat(organizations).contains(t[tx.column("PLACEOFSERVICE")]);
    }
  }

  @Test
  void primaryInsuranceIsThePayerWhoseSpanCoversTheServiceDate() {
    CsvTable payers = cleanTables.get("payers");
    String noInsurance =
        payers.rows.stream().filter(p -> p[payers.column("NAME")].equals("NO_INSURANCE")).findFirst().orElseThrow()[0];
    CsvTable transitions = cleanTables.get("payer_transitions");
    Map<String, List<String[]>> spansByPatient =
        transitions.rows.stream().collect(Collectors.groupingBy(r -> r[0]));
    CsvTable claims = cleanTables.get("claims");
    long uncovered = 0;
    for (String[] c : claims.rows) {
      Instant service = Instant.parse(c[claims.column("SERVICEDATE")]);
      String expected = "0";
      for (String[] s : spansByPatient.getOrDefault(c[claims.column("PATIENTID")], List.of())) {
        Instant start = Instant.parse(s[transitions.column("START_YEAR")]);
        Instant end = Instant.parse(s[transitions.column("END_YEAR")]);
        if (!service.isBefore(start) && service.isBefore(end)) {
          String payer = s[transitions.column("PAYER")];
          expected = payer.equals(noInsurance) ? "0" : payer;
        }
      }
      assertThat(c[claims.column("PRIMARYPATIENTINSURANCEID")]).as(c[0]).isEqualTo(expected);
      uncovered += expected.equals("0") ? 1 : 0;
    }
    assertThat(uncovered).isBetween(1L, claims.rows.size() / 3L);
  }

  @Test
  void coverageSpansAreYearlyAndIncludeSwitchesGapsAndTerminations() {
    CsvTable t = cleanTables.get("payer_transitions");
    Map<String, List<String[]>> byPatient = t.rows.stream().collect(Collectors.groupingBy(r -> r[0]));
    Map<String, String> deathByPatient = new HashMap<>();
    CsvTable patients = cleanTables.get("patients");
    for (String[] p : patients.rows) {
      deathByPatient.put(p[0], p[patients.column("DEATHDATE")]);
    }
    int switches = 0;
    int gaps = 0;
    int terminated = 0;
    for (var e : byPatient.entrySet()) {
      List<String[]> spans = e.getValue();
      Instant previousEnd = null;
      String previousPayer = null;
      for (String[] s : spans) {
        Instant start = Instant.parse(s[t.column("START_YEAR")]);
        Instant end = Instant.parse(s[t.column("END_YEAR")]);
        assertThat(Duration.between(start, end).toDays()).isBetween(365L, 373L);
        if (previousEnd != null) {
          assertThat(start).isAfterOrEqualTo(previousEnd);
          gaps += start.isAfter(previousEnd) ? 1 : 0;
          switches += s[t.column("PAYER")].equals(previousPayer) ? 0 : 1;
        }
        previousEnd = end;
        previousPayer = s[t.column("PAYER")];
      }
      boolean alive = deathByPatient.get(e.getKey()).isEmpty();
      terminated += alive && previousEnd.isBefore(Instant.parse("2024-06-01T00:00:00Z")) ? 1 : 0;
    }
    assertThat(switches).isGreaterThan(CLEAN_MEMBERS / 10);
    assertThat(gaps).isGreaterThan(5);
    assertThat(terminated).isGreaterThan(5);
  }

  @Test
  void transactionsSettleEachChargeLikeSynthea() {
    CsvTable claims = cleanTables.get("claims");
    Map<String, String> serviceDate = new HashMap<>();
    for (String[] c : claims.rows) {
      serviceDate.put(c[0], c[claims.column("SERVICEDATE")]);
    }
    CsvTable tx = cleanTables.get("claims_transactions");
    int type = tx.column("TYPE");
    BigDecimal charged = null;
    BigDecimal paid = BigDecimal.ZERO;
    String previousType = null;
    String previousChargeId = null;
    Set<String> typesSeen = new HashSet<>();
    for (String[] t : tx.rows) {
      assertThat(t[tx.column("FROMDATE")]).isEqualTo(serviceDate.get(t[tx.column("CLAIMID")]));
      typesSeen.add(t[type]);
      switch (t[type]) {
        case "CHARGE" -> {
          charged = new BigDecimal(t[tx.column("AMOUNT")]);
          paid = BigDecimal.ZERO;
          assertThat(t[tx.column("AMOUNT")]).matches(MONEY);
        }
        case "PAYMENT" -> {
          assertThat(t[tx.column("METHOD")]).isIn(PAYMENT_METHODS);
          paid = paid.add(new BigDecimal(t[tx.column("PAYMENTS")]));
          assertThat(paid).as(t[0]).isLessThanOrEqualTo(charged);
          assertThat(new BigDecimal(t[tx.column("OUTSTANDING")])).isEqualTo(charged.subtract(paid));
        }
        case "TRANSFEROUT" -> assertThat(t[tx.column("TRANSFERS")]).isEqualTo(t[tx.column("OUTSTANDING")]);
        case "TRANSFERIN" -> {
          assertThat(previousType).isEqualTo("TRANSFEROUT");
          assertThat(t[tx.column("TRANSFEROUTID")]).isEqualTo(previousChargeId);
          assertThat(t[tx.column("TRANSFERTYPE")]).isEqualTo("p");
          assertThat(new BigDecimal(t[tx.column("AMOUNT")])).isEqualTo(charged.subtract(paid));
        }
        default -> throw new AssertionError("unexpected TYPE " + t[type]);
      }
      previousType = t[type];
      previousChargeId = t[tx.column("CHARGEID")];
    }
    assertThat(typesSeen).containsExactlyInAnyOrder("CHARGE", "PAYMENT", "TRANSFEROUT", "TRANSFERIN");
    assertThat(new HashSet<>(column("claims_transactions", "METHOD"))).containsAll(PAYMENT_METHODS);
  }

  @Test
  void sameOptionsGiveByteIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
    GeneratorOptions options = GeneratorOptions.of(120, a).withSeed(7).withBadFraction(0.05);
    SyntheaCsvGenerator.generate(options);
    SyntheaCsvGenerator.generate(new GeneratorOptions(120, b, 7, 0.05, 0, null));
    List<String> names = fileNames(a);
    assertThat(names).hasSize(7).isEqualTo(fileNames(b));
    for (String name : names) {
      assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
    }
  }

  @Test
  void differentSeedsGiveDifferentData(@TempDir Path a, @TempDir Path b) throws IOException {
    SyntheaCsvGenerator.generate(GeneratorOptions.of(20, a).withSeed(1));
    SyntheaCsvGenerator.generate(GeneratorOptions.of(20, b).withSeed(2));
    for (String name : List.of("patients.csv", "claims.csv", "providers.csv")) {
      assertThat(Files.readAllBytes(b.resolve(name))).as(name).isNotEqualTo(Files.readAllBytes(a.resolve(name)));
    }
  }

  @Test
  void incrementWritesOnlyNewMembersInPartFilesWithDisjointIds(@TempDir Path dir) throws IOException {
    GenerationReport first = SyntheaCsvGenerator.generate(GeneratorOptions.of(100, dir).withSeed(5));
    GenerationReport increment =
        SyntheaCsvGenerator.generate(
            GeneratorOptions.of(80, dir).withSeed(5).withFirstMember(100).withPart("p0002"));

    assertThat(increment.files().keySet())
        .containsExactly(
            "patients.p0002.csv", "payer_transitions.p0002.csv", "claims.p0002.csv",
            "claims_transactions.p0002.csv");
    assertThat(fileNames(dir))
        .containsExactlyInAnyOrder(
            "payers.csv", "organizations.csv", "providers.csv", "patients.csv",
            "payer_transitions.csv", "claims.csv", "claims_transactions.csv",
            "patients.p0002.csv", "payer_transitions.p0002.csv", "claims.p0002.csv",
            "claims_transactions.p0002.csv");
    assertThat(increment.files().get("patients.p0002.csv").rows()).isEqualTo(80);
    assertThat(first.files()).containsKey("providers.csv");

    String[][] idColumns = {
      {"patients", "Id"}, {"claims", "Id"}, {"claims", "APPOINTMENTID"},
      {"claims_transactions", "ID"}, {"payer_transitions", "MEMBERID"}
    };
    for (String[] idColumn : idColumns) {
      String base = idColumn[0];
      Set<String> before = new HashSet<>(columnOf(dir.resolve(base + ".csv"), idColumn[1]));
      List<String> after = columnOf(dir.resolve(base + ".p0002.csv"), idColumn[1]);
      assertThat(after).as(base + "." + idColumn[1]).isNotEmpty().noneMatch(before::contains);
    }
    Set<String> providers = new HashSet<>(columnOf(dir.resolve("providers.csv"), "Id"));
    Set<String> payers = new HashSet<>(columnOf(dir.resolve("payers.csv"), "Id"));
    assertThat(columnOf(dir.resolve("claims.p0002.csv"), "PROVIDERID")).allMatch(providers::contains);
    assertThat(columnOf(dir.resolve("claims.p0002.csv"), "PRIMARYPATIENTINSURANCEID"))
        .allMatch(p -> p.equals("0") || payers.contains(p));
    Set<String> newPatients = new HashSet<>(columnOf(dir.resolve("patients.p0002.csv"), "Id"));
    assertThat(columnOf(dir.resolve("claims.p0002.csv"), "PATIENTID")).allMatch(newPatients::contains);
  }

  @Test
  void referenceDataDependsOnlyOnTheSeed(@TempDir Path a, @TempDir Path b) throws IOException {
    SyntheaCsvGenerator.generate(GeneratorOptions.of(50, a).withSeed(9));
    SyntheaCsvGenerator.generate(GeneratorOptions.of(3, b).withSeed(9).withPart("x1").withBadFraction(0.5));
    for (String base : REFERENCE_FILES) {
      assertThat(Files.readAllBytes(b.resolve(base + ".x1.csv")))
          .as(base)
          .isEqualTo(Files.readAllBytes(a.resolve(base + ".csv")));
    }
  }

  @Test
  void aMembersDataDoesNotDependOnHowMembersAreSplitIntoExtracts(@TempDir Path whole, @TempDir Path split)
      throws IOException {
    SyntheaCsvGenerator.generate(GeneratorOptions.of(60, whole).withSeed(3));
    SyntheaCsvGenerator.generate(GeneratorOptions.of(25, split).withSeed(3));
    SyntheaCsvGenerator.generate(GeneratorOptions.of(35, split).withSeed(3).withFirstMember(25).withPart("p2"));
    for (String base : List.of("patients", "payer_transitions", "claims")) {
      List<String> joined = new ArrayList<>(Files.readAllLines(split.resolve(base + ".csv")));
      List<String> increment = Files.readAllLines(split.resolve(base + ".p2.csv"));
      joined.addAll(increment.subList(1, increment.size())); // without its header
      assertThat(joined).as(base).isEqualTo(Files.readAllLines(whole.resolve(base + ".csv")));
    }
  }

  @Test
  void malformedRowsMatchTheReportPerFileAndKind(@TempDir Path dir) throws IOException {
    double badFraction = 0.1;
    GenerationReport report =
        SyntheaCsvGenerator.generate(GeneratorOptions.of(250, dir).withSeed(11).withBadFraction(badFraction));
    for (String base : MEMBER_FILES) {
      CsvTable table = CsvTable.read(dir.resolve(base + ".csv"));
      GenerationReport.FileReport f = report.files().get(base + ".csv");
      Map<Malformation, Long> found = table.problemCounts(base);
      assertThat(found).as(base).isEqualTo(f.malformedByKind());
      assertThat(found.values()).as(base + ": every kind occurs").allMatch(n -> n > 0);
      assertThat(f.rows()).isEqualTo(table.rows.size());
      double share = f.malformedRows() / (double) f.rows();
      double tolerance = 4 * Math.sqrt(badFraction * (1 - badFraction) / f.rows());
      assertThat(share).as(base).isCloseTo(badFraction, within(tolerance));
    }
    for (String base : REFERENCE_FILES) {
      assertThat(report.files().get(base + ".csv").malformedRows()).as(base).isZero();
    }
    assertThat(report.totalMalformed())
        .isEqualTo(report.files().values().stream().mapToLong(GenerationReport.FileReport::malformedRows).sum())
        .isPositive();
  }

  @Test
  void malformationLeavesWellFormedRowsIntact(@TempDir Path cleanRun, @TempDir Path dirtyRun) throws IOException {
    SyntheaCsvGenerator.generate(GeneratorOptions.of(40, cleanRun).withSeed(13));
    SyntheaCsvGenerator.generate(GeneratorOptions.of(40, dirtyRun).withSeed(13).withBadFraction(0.3));
    for (String base : MEMBER_FILES) {
      CsvTable cleanTable = CsvTable.read(cleanRun.resolve(base + ".csv"));
      CsvTable dirtyTable = CsvTable.read(dirtyRun.resolve(base + ".csv"));
      assertThat(dirtyTable.rows).as(base).hasSameSizeAs(cleanTable.rows);
      int damaged = 0;
      for (int i = 0; i < cleanTable.rows.size(); i++) {
        String[] dirty = dirtyTable.rows.get(i);
        if (dirtyTable.problem(base, dirty) == null) {
          assertThat(dirty).as(base + " row " + i).isEqualTo(cleanTable.rows.get(i));
        } else {
          damaged++;
        }
      }
      assertThat(damaged).as(base).isPositive();
    }
  }

  @Test
  void reportsProgressEndingWithTheTotal(@TempDir Path dir) throws IOException {
    List<Long> calls = new ArrayList<>();
    GenerationReport report = SyntheaCsvGenerator.generate(GeneratorOptions.of(1_200, dir), calls::add);
    assertThat(calls).as("after 1,000 members and at the end").hasSize(2).isSorted();
    assertThat(calls.get(0)).isPositive().isLessThan(report.totalRows());
    assertThat(calls.get(calls.size() - 1)).isEqualTo(report.totalRows());
  }

  @Test
  void summaryHasOneLinePerFileAndATotal() {
    String summary = clean.summary();
    for (String name : clean.files().keySet()) {
      assertThat(summary).containsOnlyOnce(name);
    }
    assertThat(summary.lines().filter(l -> l.startsWith("total"))).singleElement().asString()
        .contains(Long.toString(clean.totalRows()));
    assertThat(summary.lines().count()).isEqualTo(clean.files().size() + 2);
  }

  @Test
  void refusesAnOutputPathThatIsAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> SyntheaCsvGenerator.generate(GeneratorOptions.of(1, file)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("pass a directory");
  }

  private static List<String> column(String base, String name) {
    CsvTable t = cleanTables.get(base);
    int i = t.column(name);
    return t.rows.stream().map(r -> r[i]).toList();
  }

  private static List<String> columnOf(Path file, String name) {
    CsvTable t = CsvTable.read(file);
    int i = t.column(name);
    return t.rows.stream().map(r -> r[i]).toList();
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

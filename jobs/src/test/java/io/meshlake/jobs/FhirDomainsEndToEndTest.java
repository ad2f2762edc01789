package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.codes.Npi;
import io.meshlake.table.TableFormat;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinical, provider and claims domains on FHIR R4 input, through the CLI: the same 10 Synthea patients as
 * Bulk NDJSON and as transaction Bundles (plus Blue Button 2.0 ExplanationOfBenefits and a small CSV
 * providers extract in both folders) give identical silver and gold; gold is checked against counts and sums
 * computed here from the resources with plain Jackson; corrupted resources, malformed diagnosis codes, invalid
 * NPIs and a stale extract trip the quarantine and the seed rules.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirDomainsEndToEndTest extends SparkTestBase {
  private static final Path FIXTURES = SyntheaFhirFixture.FIXTURES;
  private static final Path NDJSON = SyntheaFhirFixture.NDJSON;
  private static final String SYNTHEA = "https://github.com/synthetichealth/synthea";
  /** The Blue Button sample's beneficiary, whose EOBs come without a Patient resource. */
  private static final String BENEFICIARY = "567834";
  private static final List<String> CLINICAL_EVENTS = SyntheaFhirFixture.CLINICAL_EVENTS;
  static final List<String> COMPARED = List.of(
      "clinical_silver.patients", "clinical_silver.encounters", "clinical_silver.conditions",
      "clinical_silver.observations", "clinical_silver.procedures", "clinical_silver.medication_requests",
      "clinical_silver.immunizations", "clinical_gold.patient_timeline", "clinical_gold.condition_cohorts",
      "clinical_gold.observation_latest", "provider_silver.practitioners", "provider_silver.organizations",
      "provider_silver.csv_providers", "provider_gold.provider_directory", "provider_gold.provider_directory_quarantine",
      "claims_silver.fhir_members", "claims_silver.claims", "claims_silver.claim_lines",
      "claims_silver.payments_by_member_month", "claims_gold.member_month_costs");

  @TempDir
  static Path work;
  static String asOf;
  static String fromNdjson;
  static String fromBundles;
  static Path ndjsonExtract;
  /** The arguments that choose the runs' environment (see {@link #productFormat()}). */
  static List<String> environment;
  /**
   * The rows of each compared table as the Bundles gave them, recorded before the NDJSON run starts its fresh
   * warehouse (which drops the session's Iceberg tables).
   */
  static Map<String, List<String>> fromBundlesRows;

  /** The format of every gold product in this test's runs; empty for the local environment as it is. */
  Optional<TableFormat> productFormat() {
    return Optional.empty();
  }

  @BeforeAll
  void runEveryDomainOnBothShapes() throws IOException {
    environment = ProductFormatEnvironment.arguments(productFormat(), work);
    asOf = SyntheaFhirFixture.newestEncounterStart().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString();
    ndjsonExtract = Files.createDirectories(work.resolve("ndjson"));
    Path bundles = Files.createDirectories(work.resolve("bundles"));
    SyntheaFhirFixture.copy(NDJSON, ndjsonExtract);
    SyntheaFhirFixture.copy(FIXTURES.resolve("synthea-r4-bundles-10"), bundles);
    for (Path extract : List.of(ndjsonExtract, bundles)) {
      writeCsvExtract(extract);
      writeBlueButton(extract);
    }
    fromBundles = freshWarehouse();
    runAll(bundles, fromBundles);
    fromBundlesRows = new TreeMap<>();
    COMPARED.forEach(table -> fromBundlesRows.put(table, rows(fromBundles, table)));
    fromNdjson = freshWarehouse(); // last, so the catalog names the NDJSON warehouse's tables
    runAll(ndjsonExtract, fromNdjson);
  }

  private static void runAll(Path extract, String warehouse) {
    for (String domain : List.of("member", "clinical", "provider", "claims")) {
      Cli.Result result = run(domain, extract, warehouse, asOf);
      assertThat(result.status()).as("%s on %s:%n%s", domain, extract.getFileName(), result.all()).isZero();
    }
  }

  private static Cli.Result run(String domain, Path extract, String warehouse, String asOf) {
    List<String> args = new ArrayList<>(List.of("run", domain, "--as-of", asOf, "--input", extract.toString(),
        "--warehouse", warehouse));
    args.addAll(environment);
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void ndjsonAndBundlesOfTheSamePatientsGiveIdenticalSilverAndGold() {
    for (String table : COMPARED) {
      List<String> ndjson = rows(fromNdjson, table);
      assertThat(fromBundlesRows.get(table)).as(table).isEqualTo(ndjson);
    }
    assertThat(rows(fromNdjson, "clinical_gold.patient_timeline")).hasSizeGreaterThan(2000);
  }

  @Test
  @Order(2)
  void everyEventOfAPatientIsInTheirTimelineInTimeOrder() {
    Map<String, Long> expected = new TreeMap<>();
    for (String type : CLINICAL_EVENTS) {
      for (JsonNode resource : SyntheaFhirFixture.resources(type)) {
        String subject = resource.has("subject") ? resource.at("/subject/reference").asText()
            : resource.at("/patient/reference").asText();
        expected.merge(subject.substring("Patient/".length()), 1L, Long::sum);
      }
    }
    Map<String, Long> actual = new TreeMap<>();
    sql("SELECT patient_id, count(*), max(event_seq), min(event_seq) FROM clinical_gold.patient_timeline GROUP BY patient_id")
        .forEach(r -> {
          actual.put(r.getString(0), r.getLong(1));
          assertThat(r.getInt(2)).as("events of %s are numbered 1..n", r.getString(0)).isEqualTo((int) r.getLong(1));
          assertThat(r.getInt(3)).isEqualTo(1);
        });
    assertThat(actual).hasSize(10).isEqualTo(expected);
    assertThat(scalar("SELECT count(*) FROM clinical_gold.patient_timeline a JOIN clinical_gold.patient_timeline b"
        + " ON a.patient_id = b.patient_id AND b.event_seq = a.event_seq + 1 WHERE b.event_at < a.event_at"))
        .as("a later event_seq never happened earlier").isEqualTo(0L);
    assertThat(spark().catalog().tableExists("clinical_gold.patient_timeline_quarantine")).as("nothing quarantined").isFalse();
  }

  @Test
  @Order(3)
  void conditionCohortsCountPatientsOnsetsAndActiveConditions() {
    Map<String, Set<String>> patients = new TreeMap<>();
    Map<String, Set<String>> active = new HashMap<>();
    Map<String, Instant> firstOnset = new HashMap<>();
    for (JsonNode condition : SyntheaFhirFixture.resources("Condition")) {
      String code = condition.at("/code/coding/0/code").asText();
      String patient = condition.at("/subject/reference").asText();
      patients.computeIfAbsent(code, c -> new HashSet<>()).add(patient);
      if (condition.at("/clinicalStatus/coding/0/code").asText().equals("active")) {
        active.computeIfAbsent(code, c -> new HashSet<>()).add(patient);
      }
      firstOnset.merge(code, instant(condition.get("onsetDateTime").asText()), (a, b) -> a.isBefore(b) ? a : b);
    }
    List<Row> cohorts = sql("SELECT code, patients, active_patients, resolved_patients, first_onset, code_system"
        + " FROM clinical_gold.condition_cohorts");
    assertThat(cohorts).hasSize(patients.size());
    for (Row cohort : cohorts) {
      String code = cohort.getString(0);
      long expectedActive = active.getOrDefault(code, Set.of()).size();
      assertThat(cohort.getLong(1)).as("patients with %s", code).isEqualTo(patients.get(code).size());
      assertThat(cohort.getLong(2)).as("active %s", code).isEqualTo(expectedActive);
      assertThat(cohort.getLong(3)).as("resolved %s", code).isEqualTo(patients.get(code).size() - expectedActive);
      assertThat(instant(cohort.get(4))).as("first onset of %s", code).isEqualTo(firstOnset.get(code));
      assertThat(cohort.getString(5)).isEqualTo("http://snomed.info/sct");
    }
  }

  @Test
  @Order(4)
  void observationLatestHoldsTheNewestValueOfEachLoincCodeIncludingPanelComponents() {
    // (patient, code) -> [effective, observation id, value]; ties in time go to the greatest id
    Map<String, Object[]> latest = new TreeMap<>();
    for (JsonNode observation : SyntheaFhirFixture.resources("Observation")) {
      String patient = observation.at("/subject/reference").asText().substring("Patient/".length());
      Instant at = instant(observation.get("effectiveDateTime").asText());
      List<JsonNode> measured = new ArrayList<>();
      if (observation.has("valueQuantity") || observation.has("valueCodeableConcept")) {
        measured.add(observation);
      }
      observation.path("component").forEach(measured::add);
      for (JsonNode m : measured) {
        String key = patient + "|" + m.at("/code/coding/0/code").asText();
        Object value = m.has("valueQuantity") ? m.at("/valueQuantity/value").asDouble()
            : m.at("/valueCodeableConcept/coding/0/display").asText();
        Object[] candidate = {at, observation.get("id").asText(), value};
        latest.merge(key, candidate, (a, b) -> newer(a, b) ? a : b);
      }
    }
    Map<String, Object> actual = new TreeMap<>();
    sql("SELECT patient_id, loinc_code, coalesce(CAST(value AS STRING), value_text) FROM clinical_gold.observation_latest")
        .forEach(r -> actual.put(r.getString(0) + "|" + r.getString(1), r.getString(2)));
    Map<String, Object> expected = new TreeMap<>();
    latest.forEach((key, v) -> expected.put(key, v[2] instanceof Double d ? String.valueOf(d) : v[2]));
    assertThat(actual).isEqualTo(expected);
  }

  private static boolean newer(Object[] a, Object[] b) {
    int byTime = ((Instant) a[0]).compareTo((Instant) b[0]);
    return byTime != 0 ? byTime > 0 : ((String) a[1]).compareTo((String) b[1]) > 0;
  }

  @Test
  @Order(5)
  void providersWithInvalidNpisWaitInQuarantineAndOnlyValidOnesArePublished() {
    List<JsonNode> practitioners = SyntheaFhirFixture.resources("Practitioner");
    long invalid = practitioners.stream()
        .filter(p -> !Npi.isValid(p.at("/identifier/0/value").asText())).count();
    assertThat(invalid).as("Synthea 2 writes NPIs such as \"160\"").isEqualTo(practitioners.size()).isEqualTo(102);

    assertThat(sql("SELECT provider_id, npi, source FROM provider_gold.provider_directory"))
        .extracting(Row::toString).containsExactly("[csv-valid,1234567893,csv]");
    List<Row> quarantined = sql("SELECT rules, get_json_object(record, '$.npi') FROM provider_gold.provider_directory_quarantine");
    assertThat(quarantined).hasSize(practitioners.size() + 1);
    assertThat(quarantined).allSatisfy(r -> assertThat(r.getList(0)).containsExactly("npi_valid"));
    assertThat(quarantined).extracting(r -> r.getString(1)).contains("1234567890", "160");
    Row verdict = sql("SELECT status, metric FROM meshlake_platform.quality_results WHERE rule = 'published_npis_valid'"
        + " ORDER BY checked_at DESC LIMIT 1").get(0);
    assertThat(verdict.getString(0)).isEqualTo("PASSED");
    assertThat(verdict.getDouble(1)).isEqualTo(1.0);
  }

  @Test
  @Order(6)
  void memberMonthCostsOfFhirClaimsMatchTheExplanationsOfBenefitAndUnadjudicatedClaims() {
    Map<String, String> members = new HashMap<>();
    for (JsonNode patient : SyntheaFhirFixture.resources("Patient")) {
      members.put("Patient/" + patient.get("id").asText(), syntheaId(patient));
    }
    // member|month -> {charges, payments}; and the claims counted
    Map<String, BigDecimal[]> expected = new TreeMap<>();
    Map<String, Set<String>> claims = new HashMap<>();
    Set<String> adjudicated = new HashSet<>();
    for (JsonNode eob : SyntheaFhirFixture.resources("ExplanationOfBenefit")) {
      String claim = eob.at("/claim/reference").asText().substring("Claim/".length());
      adjudicated.add(claim);
      add(expected, claims, members.get(eob.at("/patient/reference").asText()), eob.at("/billablePeriod/start").asText(),
          claim, eob.at("/total/0/amount/value").decimalValue(), eob.at("/payment/amount/value").decimalValue());
    }
    for (JsonNode claim : SyntheaFhirFixture.resources("Claim")) {
      if (!adjudicated.contains(claim.get("id").asText())) {
        add(expected, claims, members.get(claim.at("/patient/reference").asText()), claim.at("/billablePeriod/start").asText(),
            claim.get("id").asText(), claim.at("/total/value").decimalValue(), BigDecimal.ZERO);
      }
    }
    // the Blue Button sample, by hand: claim-level submitted total, else the item's CMS submitted charge; payment.amount
    // (the PDE claim has neither a charge nor a paid amount the mapping knows, so it gives no line)
    String[][] blueButton = {
      {"1999-10-01", "75.00", "199.99"}, {"2011-01-01", "8888.85", "693.11"}, {"2013-12-01", "5555.03", "3333.33"},
      {"2014-01-01", "199.99", "130.32"}, {"2014-02-01", "130.45", "777.75"}, {"2015-06-01", "199.99", "188.00"},
      {"2016-01-01", "84999.37", "7699.48"}};
    for (String[] month : blueButton) {
      expected.put(BENEFICIARY + "|" + month[0], new BigDecimal[] {new BigDecimal(month[1]), new BigDecimal(month[2])});
      claims.put(BENEFICIARY + "|" + month[0], Set.of(month[0]));
    }

    List<Row> gold = sql("SELECT member_id, CAST(service_month AS STRING), charges, payments, claim_count"
        + " FROM claims_gold.member_month_costs");
    assertThat(gold).hasSize(expected.size());
    for (Row row : gold) {
      String key = row.getString(0) + "|" + row.getString(1);
      assertThat(expected).as("member month %s", key).containsKey(key);
      assertThat(row.getDecimal(2)).as("charges of %s", key).isEqualByComparingTo(expected.get(key)[0]);
      assertThat(row.getDecimal(3)).as("payments of %s", key).isEqualByComparingTo(expected.get(key)[1]);
      assertThat(row.getLong(4)).as("claims of %s", key).isEqualTo(claims.get(key).size());
    }
    assertThat(scalar("SELECT count(DISTINCT claim_id) FROM claims_silver.claims WHERE source = 'claim'"))
        .isEqualTo((long) SyntheaFhirFixture.resources("Claim").size());
  }

  private static void add(Map<String, BigDecimal[]> expected, Map<String, Set<String>> claims, String member,
      String serviceStart, String claim, BigDecimal charge, BigDecimal payment) {
    String key = member + "|" + OffsetDateTime.parse(serviceStart).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
        .withDayOfMonth(1);
    BigDecimal[] sums = expected.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    sums[0] = sums[0].add(charge.setScale(2, java.math.RoundingMode.HALF_UP));
    sums[1] = sums[1].add(payment.setScale(2, java.math.RoundingMode.HALF_UP));
    claims.computeIfAbsent(key, k -> new HashSet<>()).add(claim);
  }

  @Test
  @Order(7)
  void corruptedResourcesAndMalformedDiagnosesWaitInQuarantineWithTheReason() throws IOException {
    String patient = SyntheaFhirFixture.resources("Patient").get(0).get("id").asText();
    JsonNode observation = SyntheaFhirFixture.resources("Observation").stream().filter(o -> o.has("valueQuantity"))
        .filter(o -> o.at("/subject/reference").asText().equals("Patient/" + patient)).findFirst().orElseThrow();
    String good = observation.toString().replace(observation.get("id").asText(), "obs-extra");
    String unparsable = good.replace("obs-extra", "obs-bad-value").replaceFirst("\"value\":[0-9.]+", "\"value\":\"heavy\"");
    String unknownElement = good.replace("obs-extra", "obs-bad-element").replace("\"status\":", "\"colour\":\"red\",\"status\":");
    Files.writeString(ndjsonExtract.resolve("Observation.002.ndjson"), String.join("\n", good, unparsable, unknownElement));
    JsonNode condition = SyntheaFhirFixture.resources("Condition").stream()
        .filter(c -> c.at("/subject/reference").asText().equals("Patient/" + patient)).findFirst().orElseThrow();
    Files.writeString(ndjsonExtract.resolve("Condition.002.ndjson"), condition.toString()
        .replace(condition.get("id").asText(), "cond-uncoded").replace(condition.at("/code/coding/0/code").asText(), "FLU?"));
    long before = (long) scalar("SELECT count(*) FROM clinical_gold.patient_timeline WHERE patient_id = '" + patient + "'");

    Cli.Result result = run("clinical", ndjsonExtract, fromNdjson, asOf);

    assertThat(result.status()).as(result.all()).isZero();
    assertThat(result.out()).containsPattern("Observation\\.002\\.ndjson \\(file v1\\)\\s+reconciled\\s+3\\s+1\\s+2");
    List<Row> bad = sql("SELECT line_number, reason FROM clinical_bronze.observations_raw_quarantine ORDER BY line_number");
    assertThat(bad).extracting(r -> r.getLong(0)).containsExactly(2L, 3L);
    assertThat(bad.get(0).getString(1)).contains("HAPI").contains("heavy");
    assertThat(bad.get(1).getString(1)).contains("HAPI").contains("colour");
    assertThat(sql("SELECT concat_ws(',', rules), get_json_object(record, '$.code')"
        + " FROM clinical_gold.condition_cohorts_quarantine")).extracting(Row::toString)
        .containsExactly("[diagnoses_validated,FLU?]");
    assertThat(sql("SELECT concat_ws(',', rules), get_json_object(record, '$.event_id')"
        + " FROM clinical_gold.patient_timeline_quarantine")).extracting(Row::toString)
        .containsExactly("[codes_well_formed,cond-uncoded]");
    assertThat(scalar("SELECT count(*) FROM clinical_gold.patient_timeline WHERE patient_id = '" + patient + "'"))
        .as("the good extra observation is an event; the uncoded condition waits").isEqualTo(before + 1);
  }

  @Test
  @Order(8)
  void aStaleClinicalExtractIsNotPublished() throws IOException {
    String patient = SyntheaFhirFixture.resources("Patient").get(1).get("id").asText();
    JsonNode immunization = SyntheaFhirFixture.resources("Immunization").stream()
        .filter(i -> i.at("/patient/reference").asText().equals("Patient/" + patient)).findFirst().orElseThrow();
    Files.writeString(ndjsonExtract.resolve("Immunization.002.ndjson"),
        immunization.toString().replace(immunization.get("id").asText(), "imm-late-delivery"));
    long version = version("clinical_gold.patient_timeline");
    List<String> published = rows(fromNdjson, "clinical_gold.patient_timeline");
    String stale = Instant.parse(asOf).plus(37, ChronoUnit.HOURS).toString(); // newest event 13 h before asOf + 37 h

    Cli.Result result = run("clinical", ndjsonExtract, fromNdjson, stale);

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.all()).contains("clinical_gold.patient_timeline was not published: 1 rule(s) failed")
        .contains("clinical_current: newest event_at is ").contains("needs newest event_at at most 2d before as-of");
    assertThat(version("clinical_gold.patient_timeline")).isEqualTo(version);
    assertThat(rows(fromNdjson, "clinical_gold.patient_timeline")).isEqualTo(published);
  }

  // --- the extracts ---

  /** Members (by their Synthea id), their coverage up to the as-of date, and two providers, one NPI valid. */
  private static void writeCsvExtract(Path extract) throws IOException {
    List<String> patients = new ArrayList<>(List.of("Id,BIRTHDATE,FIRST,LAST,GENDER"));
    List<String> spans = new ArrayList<>(List.of("PATIENT,START_YEAR,END_YEAR,PAYER,OWNERSHIP"));
    for (JsonNode patient : SyntheaFhirFixture.resources("Patient")) {
      String id = syntheaId(patient);
      patients.add(String.join(",", id, patient.get("birthDate").asText(), patient.at("/name/0/given/0").asText(),
          patient.at("/name/0/family").asText(), patient.get("gender").asText().substring(0, 1).toUpperCase()));
      spans.add(String.join(",", id, patient.get("birthDate").asText() + "T00:00:00Z", asOf, "private", "Self"));
    }
    patients.add(BENEFICIARY + ",1950-01-01,Blue,Button,F");
    spans.add(BENEFICIARY + ",1999-01-01T00:00:00Z," + asOf + ",CMS,Self");
    Files.write(extract.resolve("patients.csv"), patients);
    Files.write(extract.resolve("payer_transitions.csv"), spans);
    Files.write(extract.resolve("providers.csv"), List.of("Id,NAME,GENDER,SPECIALITY,CITY,STATE,NPI",
        "csv-valid,Ada Valid,F,GENERAL PRACTICE,Boston,MA,1234567893",
        "csv-invalid,Bob Invalid,M,GENERAL PRACTICE,Boston,MA,1234567890"));
  }

  /** The Blue Button 2.0 sample with its placeholder timestamps replaced by a real one. */
  private static void writeBlueButton(Path extract) throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES.resolve("bluebutton-sample"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json.gz")).toList()) {
        String json = SyntheaFhirFixture.gunzip(file).replace("\"IGNORED_FIELD\"", "\"2015-06-01T00:00:00.000+00:00\"");
        Files.writeString(extract.resolve(file.getFileName().toString().replace(".gz", "")), json);
      }
    }
  }

  // --- reading the fixture and the tables ---

  private static String syntheaId(JsonNode patient) {
    for (JsonNode identifier : patient.get("identifier")) {
      if (identifier.path("system").asText().equals(SYNTHEA)) {
        return identifier.get("value").asText();
      }
    }
    throw new AssertionError("no Synthea identifier in " + patient.get("id"));
  }

  private static Instant instant(String dateTime) {
    return OffsetDateTime.parse(dateTime).toInstant();
  }

  /** A timestamp value as Spark returns it, whichever Java time API the session uses. */
  private static Instant instant(Object timestamp) {
    return timestamp instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) timestamp;
  }

  private static long version(String table) {
    return ProductFormatEnvironment.latestCommit(spark(), table);
  }

  /**
   * A table's rows in a warehouse, read without meshlake's code (its Iceberg table, else its Delta folder), as
   * sorted strings.
   */
  private static List<String> rows(String warehouse, String table) {
    return spark().sql("SELECT * FROM " + ProductFormatEnvironment.source(spark(), warehouse, table))
        .drop("_run_id", "_quarantined_at").collectAsList().stream().map(Row::toString).sorted().toList();
  }
}

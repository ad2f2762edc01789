package io.meshlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshlake.api.Deduplicate;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.run.RunResult;
import io.meshlake.run.Runner;
import io.meshlake.run.TableBuild;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze ingest of FHIR R4 resources from Bulk Data NDJSON and Bundles, on the fixtures in
 * {@code src/test/resources/fixtures}. Expected values are computed from the fixture files with Jackson
 * and plain line reading, never with the ingest code.
 */
class FhirIngestTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every resource type of the Synthea fixtures (NDJSON file names, Bundle entry types). */
  private static final String[] SYNTHEA_TYPES = {"CarePlan", "Claim", "Condition", "DiagnosticReport", "Encounter",
      "ExplanationOfBenefit", "ImagingStudy", "Immunization", "MedicationRequest", "Observation", "Organization",
      "Patient", "Practitioner", "Procedure"};
  /** Small splits, so every NDJSON file of more than 8 KiB is read in several tasks. */
  private static final long SPLIT_BYTES = 8 * 1024;

  @TempDir
  Path temp;
  private Warehouse store;
  private RunLog runLog;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void setUp() {
    store = Warehouse.delta(spark(), freshWarehouse());
    runLog = new RunLog(store.delta());
  }

  private static DomainSpec clinical() {
    return latestVersions("clinical", SYNTHEA_TYPES);
  }

  /** A domain with bronze {@code resources_raw} of these types and silver {@code resources}, their latest versions. */
  static DomainSpec latestVersions(String domain, String... types) {
    return DomainSpec.builder(domain)
        .ingestFhir("resources_raw", types)
        .silver(Table.named("resources").from("resources_raw")
            .transform(c -> Deduplicate.latestFhirVersion(c.input("resources_raw"))
                .select("resource_type", "id", "version_id", "last_updated", "resource"))
            .overwrite())
        .build();
  }

  private RunResult run(DomainSpec domain, Path input) {
    var plan = Planner.of(List.of(domain)).plan(Selection.domain(domain.name()));
    return new Runner(store, runLog, io.meshlake.testing.TestGovernance.governor(store), progress::add).run(plan, new RunOptions(input.toString(), false, SPLIT_BYTES, java.util.Optional.empty()));
  }

  private static TableBuild build(RunResult result, String table) {
    return result.builds().stream().filter(b -> b.table().qualifiedName().equals(table)).findFirst().orElseThrow();
  }

  @Test
  void ndjsonAndBundlesOfTheSamePatientsGiveTheSameLatestResources() throws IOException {
    Map<String, JsonNode> fromNdjson = latestResources(fixture("synthea-r4-ndjson-2"));
    Map<String, JsonNode> fromBundles = latestResources(fixture("synthea-r4-bundles-2"));

    // independently: the NDJSON lines, keyed by type and id
    Map<String, JsonNode> expected = new TreeMap<>();
    for (Path file : ndjsonFiles(fixture("synthea-r4-ndjson-2"))) {
      for (String line : Files.readAllLines(file)) {
        JsonNode resource = JSON.readTree(line);
        expected.put(resource.get("resourceType").asText() + "/" + resource.get("id").asText(), resource);
      }
    }
    assertThat(expected).hasSize(276);
    assertThat(fromNdjson).isEqualTo(expected);
    assertThat(fromBundles.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, resource) -> assertThat(fromBundles.get(key)).as(key).isEqualTo(resource));
  }

  /** Ingests a folder into a fresh warehouse and returns the silver resources as JSON trees by Type/id. */
  private Map<String, JsonNode> latestResources(Path input) throws IOException {
    setUp();
    RunResult result = run(clinical(), input);
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Map<String, JsonNode> resources = new TreeMap<>();
    for (Row row : sql("SELECT resource_type, id, resource FROM clinical_silver.resources")) {
      resources.put(row.getString(0) + "/" + row.getString(1), JSON.readTree(row.getString(2)));
    }
    assertThat(scalar("SELECT count(*) FROM clinical_silver.resources")).isEqualTo((long) resources.size());
    return resources;
  }

  @Test
  void ndjsonLinesAreStoredAsLandedAndEveryFileReconciles() throws IOException {
    Path input = fixture("synthea-r4-ndjson-2");

    RunResult result = run(clinical(), input);

    TableBuild bronze = build(result, "clinical_bronze.resources_raw");
    Map<String, Long> expectedLines = new TreeMap<>();
    Map<String, String> linesByKey = new HashMap<>();
    for (Path file : ndjsonFiles(input)) {
      List<String> lines = Files.readAllLines(file);
      expectedLines.put(file.getFileName().toString(), (long) lines.size());
      for (String line : lines) {
        JsonNode node = JSON.readTree(line);
        linesByKey.put(node.get("resourceType").asText() + "/" + node.get("id").asText(), line);
      }
    }
    Map<String, Long> rowsIn = new TreeMap<>();
    bronze.files().forEach(f -> {
      rowsIn.put(f.fileName(), f.rowsIn());
      assertThat(f.rowsOut()).as(f.fileName()).isEqualTo(f.rowsIn());
      assertThat(f.reconciles()).isTrue();
    });
    assertThat(rowsIn).isEqualTo(expectedLines);
    List<Row> rows = sql("SELECT resource_type, id, resource, _source_file, _source_offset FROM clinical_bronze.resources_raw");
    assertThat(rows).hasSize(linesByKey.size());
    for (Row row : rows) {
      assertThat(row.getString(2)).isEqualTo(linesByKey.get(row.getString(0) + "/" + row.getString(1)));
      assertThat(row.getString(3)).endsWith("/" + row.getString(0) + ".ndjson");
    }
    // the offset is the line's byte offset: the first Observation line starts at 0
    assertThat(scalar("SELECT min(_source_offset) FROM clinical_bronze.resources_raw WHERE resource_type = 'Observation'"))
        .isEqualTo(0L);
  }

  @Test
  void bundleReferencesToUrnUuidsBecomeTypeAndIdAndIdsAreKept() throws IOException {
    Path input = fixture("synthea-r4-bundles-2");
    // independently: every urn:uuid fullUrl of the bundles and the Type/id it stands for, and the entries per file
    Map<String, String> typeAndId = new HashMap<>();
    Map<String, Long> entries = new TreeMap<>();
    long urnReferences = 0;
    for (Path file : jsonFiles(input)) {
      JsonNode bundle = JSON.readTree(file.toFile());
      for (JsonNode entry : bundle.get("entry")) {
        JsonNode resource = entry.get("resource");
        typeAndId.put(entry.get("fullUrl").asText(), resource.get("resourceType").asText() + "/" + resource.get("id").asText());
      }
      entries.put(file.getFileName().toString(), (long) bundle.get("entry").size());
      urnReferences += bundle.findValues("reference").stream().filter(r -> r.asText().startsWith("urn:uuid:")).count();
    }
    assertThat(urnReferences).isGreaterThan(100);

    RunResult result = run(clinical(), input);

    Map<String, Long> rowsOut = new TreeMap<>();
    build(result, "clinical_bronze.resources_raw").files().forEach(f -> rowsOut.put(f.fileName(), f.rowsOut()));
    assertThat(rowsOut).isEqualTo(entries);
    assertThat(scalar("SELECT count(*) FROM clinical_bronze.resources_raw WHERE resource LIKE '%urn:uuid:%'")).isEqualTo(0L);
    Set<String> known = Set.copyOf(typeAndId.values());
    long resolved = 0;
    for (Row row : sql("SELECT resource_type, id, resource FROM clinical_bronze.resources_raw")) {
      JsonNode resource = JSON.readTree(row.getString(2));
      assertThat(resource.get("id").asText()).isEqualTo(row.getString(1));
      for (JsonNode reference : resource.findValues("reference")) {
        if (!reference.asText().startsWith("#")) {
          assertThat(known).as("reference in " + row.getString(0) + "/" + row.getString(1)).contains(reference.asText());
          resolved++;
        }
      }
    }
    assertThat(resolved).isEqualTo(urnReferences);
    // e.g. every Observation's subject is the patient of its bundle
    assertThat(sql("SELECT DISTINCT get_json_object(resource, '$.subject.reference') FROM clinical_bronze.resources_raw"
        + " WHERE resource_type = 'Observation'"))
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("Patient/024b1b9b-57bc-4fae-9839-fa0656246b41", "Patient/018f428e-34f6-4707-8009-5ad742f901e7");
  }

  @Test
  void eachTableTakesOnlyItsTypesFromBundles() throws IOException {
    Path input = fixture("synthea-r4-bundles-2");
    DomainSpec split = DomainSpec.builder("ehr")
        .ingestFhir("encounters_raw", "Encounter")
        .ingestFhir("claims_raw", "Claim", "ExplanationOfBenefit")
        .build();
    Map<String, Long> expected = new HashMap<>();
    for (Path file : jsonFiles(input)) {
      for (JsonNode entry : JSON.readTree(file.toFile()).get("entry")) {
        expected.merge(entry.get("resource").get("resourceType").asText(), 1L, Long::sum);
      }
    }

    RunResult result = run(split, input);

    assertThat(build(result, "ehr_bronze.encounters_raw").rowsOut()).isEqualTo(expected.get("Encounter"));
    assertThat(build(result, "ehr_bronze.claims_raw").rowsOut())
        .isEqualTo(expected.get("Claim") + expected.get("ExplanationOfBenefit"));
    assertThat(sql("SELECT DISTINCT resource_type FROM ehr_bronze.claims_raw ORDER BY 1")).extracting(r -> r.getString(0))
        .containsExactly("Claim", "ExplanationOfBenefit");
    assertThat(build(result, "ehr_bronze.encounters_raw").rowsQuarantined()).isZero();
  }

  @Test
  void corruptResourcesAreQuarantinedWithTheReasonAndEveryFileReconciles() throws IOException {
    Path input = temp.resolve("corrupt");
    copy(fixture("synthea-r4-ndjson-2"), input);
    List<String> observations = Files.readAllLines(input.resolve("Observation.ndjson"));
    String patient = Files.readAllLines(input.resolve("Patient.ndjson")).get(0);
    ObjectNode withoutId = (ObjectNode) JSON.readTree(observations.get(0));
    withoutId.remove("id");
    ObjectNode badValue = (ObjectNode) JSON.readTree(observations.get(1));
    badValue.put("id", "bad-value");
    badValue.put("effectiveDateTime", "last tuesday");
    ObjectNode unknownElement = (ObjectNode) JSON.readTree(observations.get(2));
    unknownElement.put("id", "unknown-element");
    unknownElement.put("colour", "blue");
    List<String> corrupt = List.of(
        "{\"resourceType\":\"Observation\",\"id\":\"cut-short\",\"status\":",
        JSON.writeValueAsString(withoutId),
        patient,
        JSON.writeValueAsString(badValue),
        "{\"id\":\"no-type\",\"status\":\"final\"}",
        JSON.writeValueAsString(unknownElement));
    // the corrupt lines at file lines 11..16, between good ones
    List<String> lines = new ArrayList<>(observations.subList(0, 10));
    lines.addAll(corrupt);
    lines.addAll(observations.subList(10, observations.size()));
    Files.write(input.resolve("Observation.ndjson"), lines);

    RunResult result = run(clinical(), input);

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    TableBuild bronze = build(result, "clinical_bronze.resources_raw");
    IngestedFile file = bronze.files().stream().filter(f -> f.fileName().equals("Observation.ndjson")).findFirst().orElseThrow();
    assertThat(file.rowsIn()).isEqualTo(lines.size());
    assertThat(file.rowsQuarantined()).isEqualTo(corrupt.size());
    assertThat(file.rowsOut()).isEqualTo(observations.size());
    assertThat(bronze.files()).allSatisfy(f -> assertThat(f.reconciles()).isTrue());
    assertThat(scalar("SELECT count(*) FROM clinical_bronze.resources_raw WHERE resource_type = 'Observation'"))
        .isEqualTo((long) observations.size());

    List<Row> quarantine = sql("SELECT line_number, reason, raw_line FROM clinical_bronze.resources_raw_quarantine ORDER BY line_number");
    assertThat(quarantine).extracting(r -> r.getLong(0)).containsExactly(11L, 12L, 13L, 14L, 15L, 16L);
    assertThat(quarantine).extracting(r -> r.getString(2)).containsExactlyElementsOf(corrupt);
    assertThat(quarantine.get(0).getString(1)).startsWith("HAPI-1861: Failed to parse JSON encoded FHIR content");
    assertThat(quarantine.get(1).getString(1)).isEqualTo("Observation without an id: a resource needs one to be kept and referenced by id");
    assertThat(quarantine.get(2).getString(1))
        .isEqualTo("resourceType Patient in Observation.ndjson, a file of Observation resources: write it to a Patient file");
    assertThat(quarantine.get(3).getString(1)).contains("HAPI-1821").contains("\"last tuesday\"");
    assertThat(quarantine.get(4).getString(1)).contains("HAPI-1838").contains("'resourceType'");
    assertThat(quarantine.get(5).getString(1)).contains("HAPI-1825").contains("'colour'");
  }

  @Test
  void aBadBundleEntryIsQuarantinedByItsEntryNumber() throws IOException {
    Path input = temp.resolve("bundles");
    Path source = jsonFiles(fixture("synthea-r4-bundles-2")).get(0);
    JsonNode bundle = JSON.readTree(source.toFile());
    ObjectNode fourth = (ObjectNode) bundle.get("entry").get(3).get("resource");
    fourth.put("status", "no-such-status"); // not a code HAPI knows for its type
    Files.createDirectories(input);
    Files.writeString(input.resolve("bundle.json"), JSON.writeValueAsString(bundle));
    Files.writeString(input.resolve("truncated.json"), "{\"resourceType\":\"Bundle\",\"entry\":[");

    RunResult result = run(clinical(), input);

    List<Row> quarantine = sql("SELECT _source_file, line_number, _source_offset, reason, raw_line"
        + " FROM clinical_bronze.resources_raw_quarantine ORDER BY _source_file");
    assertThat(quarantine).hasSize(2);
    assertThat(quarantine.get(0).getString(0)).endsWith("/bundle.json");
    assertThat(quarantine.get(0).getLong(1)).isEqualTo(4L);
    assertThat(quarantine.get(0).getLong(2)).isEqualTo(3L);
    assertThat(quarantine.get(0).getString(3)).contains("no-such-status");
    assertThat(JSON.readTree(quarantine.get(0).getString(4)).get("id")).isEqualTo(fourth.get("id"));
    assertThat(quarantine.get(1).getString(0)).endsWith("/truncated.json");
    assertThat(quarantine.get(1).getLong(1)).isZero();
    assertThat(quarantine.get(1).getString(3)).startsWith("not a JSON file");
    assertThat(build(result, "clinical_bronze.resources_raw").files()).allSatisfy(f -> assertThat(f.reconciles()).isTrue());
    assertThat(build(result, "clinical_bronze.resources_raw").rowsOut()).isEqualTo(bundle.get("entry").size() - 1L);
  }

  @Test
  void aSecondRunCommitsNothingAndAChangedFileIsANewVersion() throws IOException {
    Path input = temp.resolve("increments");
    copy(fixture("synthea-r4-ndjson-2"), input);
    assertThat(run(clinical(), input).succeeded()).isTrue();
    long bronzeVersion = store.version(TableId.parse("clinical_bronze.resources_raw")).orElseThrow();

    RunResult again = run(clinical(), input);

    assertThat(again.committedAnything()).isFalse();
    assertThat(store.version(TableId.parse("clinical_bronze.resources_raw"))).contains(bronzeVersion);

    List<String> patients = Files.readAllLines(input.resolve("Patient.ndjson"));
    ObjectNode updated = (ObjectNode) JSON.readTree(patients.get(0));
    String id = updated.get("id").asText();
    ((ObjectNode) updated.get("meta")).put("versionId", "2").put("lastUpdated", "2030-01-01T00:00:00Z");
    updated.put("gender", "unknown");
    Files.write(input.resolve("Patient.ndjson"), List.of(JSON.writeValueAsString(updated), patients.get(1)));

    RunResult changed = run(clinical(), input);

    TableBuild bronze = build(changed, "clinical_bronze.resources_raw");
    assertThat(bronze.files()).extracting(f -> f.fileName() + " v" + f.fileVersion()).containsExactly("Patient.ndjson v2");
    assertThat(bronze.rowsOut()).isEqualTo(2);
    assertThat(scalar("SELECT count(*) FROM clinical_bronze.resources_raw WHERE resource_type = 'Patient'")).isEqualTo(4L);
    List<Row> latest = sql("SELECT version_id, CAST(last_updated AS STRING), get_json_object(resource, '$.gender')"
        + " FROM clinical_silver.resources WHERE resource_type = 'Patient' AND id = '" + id + "'");
    assertThat(latest).extracting(Row::toString).containsExactly("[2,2030-01-01 00:00:00,unknown]");
    assertThat(scalar("SELECT count(*) FROM clinical_silver.resources")).isEqualTo(276L);
  }

  @Test
  void bulkExportFilesArePartNamedOrGzippedAndTheLogIsNotAResourceFile() throws IOException {
    Path input = temp.resolve("bulk");
    copy(fixture("smart-bulk-sample"), input);
    gzip(input.resolve("Practitioner.000.ndjson"));
    DomainSpec providers = DomainSpec.builder("providers")
        .ingestFhir("directory_raw", "Patient", "Organization", "Practitioner", "PractitionerRole", "Location", "Immunization")
        .build();
    Map<String, Long> expected = new TreeMap<>();
    for (Path file : ndjsonFiles(fixture("smart-bulk-sample"))) {
      if (!file.getFileName().toString().equals("log.ndjson")) {
        expected.put(file.getFileName().toString().replace("Practitioner.000.ndjson", "Practitioner.000.ndjson.gz"),
            (long) Files.readAllLines(file).size());
      }
    }

    RunResult result = run(providers, input);

    TableBuild bronze = build(result, "providers_bronze.directory_raw");
    Map<String, Long> rowsOut = new TreeMap<>();
    bronze.files().forEach(f -> rowsOut.put(f.fileName(), f.rowsOut()));
    assertThat(rowsOut).isEqualTo(expected);
    assertThat(bronze.rowsQuarantined()).isZero();
    // identifier-based references are kept as the export wrote them: conditional ones, and logical ones
    assertThat((long) scalar("SELECT count(*) FROM providers_bronze.directory_raw WHERE resource_type = 'Immunization'"
        + " AND get_json_object(resource, '$.location.reference') LIKE 'Location?identifier=%'"))
        .isEqualTo(expected.get("Immunization.000.ndjson"));
    assertThat((long) scalar("SELECT count(*) FROM providers_bronze.directory_raw WHERE resource_type = 'PractitionerRole'"
        + " AND get_json_object(resource, '$.practitioner.identifier.system') = 'http://hl7.org/fhir/sid/us-npi'"))
        .isEqualTo(expected.get("PractitionerRole.000.ndjson"));
  }

  @Test
  void blueButtonSearchsetBundlesAreUnwrappedAndTheirPlaceholderTimestampsRefused() throws IOException {
    Path input = fixture("bluebutton-sample");
    DomainSpec cms = DomainSpec.builder("cms").ingestFhir("eob_raw", "ExplanationOfBenefit").build();
    long eobs = 0;
    for (Path file : jsonFiles(input)) {
      JsonNode json = JSON.readTree(file.toFile());
      List<JsonNode> resources = new ArrayList<>();
      if (json.get("resourceType").asText().equals("Bundle")) {
        json.get("entry").forEach(e -> resources.add(e.get("resource")));
      } else {
        resources.add(json);
      }
      eobs += resources.stream().filter(r -> r.get("resourceType").asText().equals("ExplanationOfBenefit")).count();
    }
    assertThat(eobs).isEqualTo(10);

    TableBuild asSampled = build(run(cms, input), "cms_bronze.eob_raw");

    // BFD's snapshots carry meta.lastUpdated "IGNORED_FIELD", which is no instant: HAPI refuses every one
    assertThat(asSampled.rowsIn()).isEqualTo(eobs);
    assertThat(asSampled.rowsQuarantined()).isEqualTo(eobs);
    assertThat(sql("SELECT DISTINCT reason FROM cms_bronze.eob_raw_quarantine")).extracting(r -> r.getString(0))
        .singleElement().asString().contains("HAPI-1821").contains("IGNORED_FIELD");

    setUp();
    Path fixed = temp.resolve("bluebutton");
    copy(input, fixed);
    for (Path file : jsonFiles(fixed)) {
      Files.writeString(file, Files.readString(file).replace("\"IGNORED_FIELD\"", "\"2024-05-01T12:00:00.000+00:00\""));
    }
    TableBuild repaired = build(run(cms, fixed), "cms_bronze.eob_raw");

    assertThat(repaired.rowsOut()).isEqualTo(eobs);
    assertThat(sql("SELECT DISTINCT CAST(last_updated AS STRING) FROM cms_bronze.eob_raw")).extracting(r -> r.getString(0))
        .containsExactly("2024-05-01 12:00:00");
  }

  private static Path fixture(String name) {
    try {
      return Path.of(FhirIngestTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> ndjsonFiles(Path folder) throws IOException {
    return filesEndingWith(folder, ".ndjson");
  }

  private static List<Path> jsonFiles(Path folder) throws IOException {
    return filesEndingWith(folder, ".json");
  }

  private static List<Path> filesEndingWith(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  private static void gzip(Path file) {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz")))) {
      Files.copy(file, out);
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.meshlake.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FhirBulkGeneratorTest {
  private static final IParser HAPI = FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler());

  @TempDir static Path dir;
  private static GenerationReport fhir;

  @BeforeAll
  static void generate() throws IOException {
    SyntheaCsvGenerator.generate(GeneratorOptions.of(40, dir.resolve("csv")).withSeed(7));
    fhir = FhirBulkGenerator.generate(GeneratorOptions.of(40, dir.resolve("fhir")).withSeed(7));
  }

  @Test
  void patientsEncountersAndClaimsHaveTheIdsOfTheCsvExtract() throws IOException {
    CsvTable patients = CsvTable.read(dir.resolve("csv/patients.csv"));
    CsvTable claims = CsvTable.read(dir.resolve("csv/claims.csv"));
    CsvTable providers = CsvTable.read(dir.resolve("csv/providers.csv"));

    assertThat(ids("Patient")).isEqualTo(column(patients, "Id"));
    assertThat(ids("Claim")).isEqualTo(column(claims, "Id"));
    assertThat(ids("Encounter")).isEqualTo(column(claims, "APPOINTMENTID"));
    assertThat(ids("Practitioner")).isEqualTo(column(providers, "Id"));
    assertThat(ids("ExplanationOfBenefit")).hasSameSizeAs(ids("Claim"));
    assertThat(lines("Observation")).hasSize(8 * claims.rows.size());
  }

  @Test
  void everyResourceParsesWithHapiStrictlyAndReferencesResolve() throws IOException {
    Set<String> known = new HashSet<>();
    Map<String, List<String>> byType = new HashMap<>();
    for (GenerationReport.FileReport file : fhir.files().values()) {
      String type = file.fileName().replace(".ndjson", "");
      List<String> lines = lines(type);
      assertThat(lines).as(file.fileName()).hasSize((int) file.rows());
      byType.put(type, lines);
      for (String line : lines) {
        IBaseResource resource = HAPI.parseResource(line);
        assertThat(resource.fhirType()).isEqualTo(type);
        known.add(type + "/" + resource.getIdElement().getIdPart());
      }
    }
    assertThat(byType.keySet()).contains("Patient", "Encounter", "Condition", "Observation", "Procedure",
        "MedicationRequest", "Immunization", "Practitioner", "PractitionerRole", "Organization", "Location",
        "ExplanationOfBenefit", "Claim");
    java.util.regex.Pattern reference = java.util.regex.Pattern.compile("\"reference\":\"([^\"]+)\"");
    List<String> dangling = new java.util.ArrayList<>();
    long references = 0;
    for (List<String> lines : byType.values()) {
      for (String line : lines) {
        var found = reference.matcher(line);
        while (found.find()) {
          references++;
          if (!known.contains(found.group(1))) {
            dangling.add(found.group(1) + " in " + line);
          }
        }
      }
    }
    assertThat(references).isPositive();
    assertThat(dangling).as("references to no resource of the extract").isEmpty();
  }

  @Test
  void badFractionDamagesTheLinesItReports() throws IOException {
    Path out = dir.resolve("bad");
    GenerationReport bad = FhirBulkGenerator.generate(GeneratorOptions.of(40, out).withSeed(7).withBadFraction(0.1));

    long refused = 0;
    long reported = 0;
    for (GenerationReport.FileReport file : bad.files().values()) {
      reported += file.malformedRows();
      for (String line : Files.readAllLines(out.resolve(file.fileName()))) {
        try {
          if (HAPI.parseResource(line).getIdElement().getIdPart() == null) {
            refused++;
          }
        } catch (DataFormatException e) {
          refused++;
        }
      }
    }
    long total = bad.files().values().stream().mapToLong(GenerationReport.FileReport::rows).sum();
    assertThat(refused).isEqualTo(reported);
    assertThat((double) reported / total).isBetween(0.05, 0.15);
  }

  @Test
  void sameOptionsWriteTheSameBytes() throws IOException {
    FhirBulkGenerator.generate(GeneratorOptions.of(40, dir.resolve("again")).withSeed(7));
    for (String file : fhir.files().keySet()) {
      assertThat(Files.readAllBytes(dir.resolve("again").resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(dir.resolve("fhir").resolve(file)));
    }
  }

  private static List<String> lines(String type) throws IOException {
    return Files.readAllLines(dir.resolve("fhir").resolve(type + ".ndjson"));
  }

  private static Set<String> ids(String type) throws IOException {
    Set<String> ids = new HashSet<>();
    for (String line : lines(type)) {
      ids.add(HAPI.parseResource(line).getIdElement().getIdPart());
    }
    return ids;
  }

  private static Set<String> column(CsvTable table, String name) {
    int i = table.column(name);
    Set<String> values = new HashSet<>();
    try (Stream<String[]> rows = table.rows.stream()) {
      rows.forEach(r -> values.add(r[i]));
    }
    return values;
  }
}

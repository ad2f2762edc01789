package io.meshlake.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The 10-patient Synthea FHIR R4 Bulk NDJSON fixture, read with plain Jackson (not the code under test). */
final class SyntheaFhirFixture {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();
  static final Path NDJSON = FIXTURES.resolve("synthea-r4-ndjson-10");
  /** The resource types that are clinical events, each one row of {@code clinical_gold.patient_timeline}. */
  static final List<String> CLINICAL_EVENTS =
      List.of("Encounter", "Condition", "Observation", "Procedure", "MedicationRequest", "Immunization");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyntheaFhirFixture() {}

  /** Copies the gzipped NDJSON files of {@code from} into {@code to}. */
  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".gz")).toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  /** The fixture's resources of one type. */
  static List<JsonNode> resources(String type) {
    List<JsonNode> resources = new ArrayList<>();
    for (String line : gunzip(NDJSON.resolve(type + ".ndjson.gz")).split("\n")) {
      if (!line.isBlank()) {
        try {
          resources.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return resources;
  }

  /** A gzipped file's text. */
  static String gunzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** When the fixture's newest encounter started: the extract's "now", for freshness. */
  static Instant newestEncounterStart() {
    return resources("Encounter").stream().map(e -> OffsetDateTime.parse(e.at("/period/start").asText()).toInstant())
        .max(Instant::compareTo).orElseThrow();
  }
}

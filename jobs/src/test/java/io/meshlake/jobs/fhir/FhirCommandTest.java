package io.meshlake.jobs.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.FhirJson;
import io.meshlake.jobs.Cli;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshlake fhir view} and {@code meshlake fhir conformance}, run as a user would, without Spark. */
class FhirCommandTest {
  private static final String VIEW = """
      {"resource": "Patient", "select": [{"column": [{"name": "id", "path": "getResourceKey()"},
        {"name": "family", "path": "name.family.first()"}]},
        {"forEachOrNull": "telecom", "column": [{"name": "phone", "path": "value"}]}]}""";

  @TempDir
  Path work;

  @Test
  void viewReadsNdjsonGzipAndBundlesAndPrintsEachFormat() throws IOException {
    Path input = work.resolve("fhir");
    Files.createDirectories(input);
    try (Writer gz = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(input.resolve("Patient.ndjson.gz"))),
        StandardCharsets.UTF_8)) {
      gz.write("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Doe, Jr\"}],"
          + "\"telecom\":[{\"value\":\"555-1\"},{\"value\":\"555-2\"}]}\n\n");
      gz.write("{\"resourceType\":\"Observation\",\"id\":\"o1\"}\n");
    }
    Files.writeString(input.resolve("bundle.json"), "{\"resourceType\":\"Bundle\",\"entry\":["
        + "{\"fullUrl\":\"urn:uuid:x\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p2\"}}]}");
    Files.writeString(input.resolve("notes.txt"), "not FHIR");
    Path view = Files.writeString(work.resolve("view.json"), VIEW);

    String table = out(0, "fhir", "view", "--view", view.toString(), "--input", input.toString());
    assertThat(table).contains("| id | family  | phone |").contains("| p1 | Doe, Jr | 555-2 |")
        .contains("| p2 | null    | null  |").endsWith("3 rows\n");

    String csv = out(0, "fhir", "view", "--view", view.toString(), "--input", input.toString(), "--format", "csv");
    assertThat(csv.lines()).containsExactly("id,family,phone", "p1,\"Doe, Jr\",555-1", "p1,\"Doe, Jr\",555-2", "p2,,");

    String ndjson = out(0, "fhir", "view", "--view", view.toString(), "--input", input.resolve("bundle.json").toString(),
        "--format", "ndjson", "--limit", "1");
    assertThat(ndjson.strip()).isEqualTo("{\"id\":\"p2\",\"family\":null,\"phone\":null}");
  }

  @Test
  void anInvalidViewExitsWith2NamingTheProblem() throws IOException {
    Path view = Files.writeString(work.resolve("bad.json"), """
        {"resource": "Patient", "select": [{"column": [{"name": "x", "path": "name.frobnicate()"}]}]}""");
    Files.writeString(work.resolve("p.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
    String err = err(2, "fhir", "view", "--view", view.toString(), "--input", work.resolve("p.ndjson").toString());
    assertThat(err).contains("select[0].column[0].path").contains("Unknown FHIRPath function 'frobnicate()'");
  }

  @Test
  void conformanceWritesTheReportAndFailsWhenACaseFails() throws IOException {
    Path tests = work.resolve("tests");
    Files.createDirectories(tests);
    Files.writeString(tests.resolve("mini.json"), """
        {"title": "mini", "resources": [{"resourceType": "Patient", "id": "p1", "active": true}],
         "tests": [
           {"title": "passes", "view": {"resource": "Patient", "select": [{"column": [{"name": "id", "path": "id"}]}]},
            "expect": [{"id": "p1"}]},
           {"title": "fails", "view": {"resource": "Patient", "select": [{"column": [{"name": "a", "path": "active"}]}]},
            "expect": [{"a": false}]},
           {"title": "rejected", "view": {"select": []}, "expectError": true}]}""");
    Path report = work.resolve("out/report.json");

    String summary = out(1, "fhir", "conformance", "--tests", tests.toString(), "--report", report.toString());
    assertThat(summary).contains("mini.json").contains("2/3").contains("FAIL fails").contains("2/3 cases passed in 1 files");
    JsonNode json = FhirJson.parse(Files.readString(report), "report");
    JsonNode cases = json.get("mini.json").get("tests");
    assertThat(cases).hasSize(3);
    assertThat(cases.get(0).get("name").asText()).isEqualTo("passes");
    assertThat(cases.get(0).get("result").get("passed").asBoolean()).isTrue();
    assertThat(cases.get(1).get("result").get("passed").asBoolean()).isFalse();
    assertThat(cases.get(1).get("result").get("error").asText()).contains("{\"a\":false}");
    assertThat(cases.get(2).get("result").get("passed").asBoolean()).isTrue();
  }

  @Test
  void theBundledSuitePassesThroughTheCli() {
    Path suite = Path.of("../framework/src/test/resources/sql-on-fhir-v2-tests");
    String summary = out(0, "fhir", "conformance", "--tests", suite.toString(), "--report", work.resolve("r.json").toString());
    assertThat(summary).contains("77/77 cases passed in 12 files");
  }

  private static String out(int exitCode, String... args) {
    return run(exitCode, args).out();
  }

  private static String err(int exitCode, String... args) {
    return run(exitCode, args).err();
  }

  private static Cli.Result run(int exitCode, String... args) {
    Cli.Result result = Cli.run(args);
    assertThat(result.status()).as(result.all()).isEqualTo(exitCode);
    return result;
  }
}

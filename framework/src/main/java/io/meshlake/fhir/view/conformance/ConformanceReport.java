package io.meshlake.fhir.view.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshlake.fhir.view.FhirJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes results in the SQL on FHIR test report format ({@code test-report.schema.json}): an object with
 * one property per test file, each {@code {"tests": [{"name", "result": {"passed", "error"?}}]}}.
 */
public final class ConformanceReport {
  private ConformanceReport() {}

  /** The report for results by test file name (e.g. {@code basic.json}), in the map's order. */
  public static ObjectNode of(Map<String, List<CaseResult>> resultsByFile) {
    ObjectNode report = FhirJson.mapper().createObjectNode();
    resultsByFile.forEach((file, results) -> {
      ArrayNode tests = report.putObject(file).putArray("tests");
      for (CaseResult result : results) {
        ObjectNode test = tests.addObject().put("name", result.name());
        ObjectNode outcome = test.putObject("result").put("passed", result.passed());
        if (result.error() != null) {
          outcome.put("error", result.error());
        }
      }
    });
    return report;
  }

  /** Writes the report as pretty-printed JSON, creating parent folders. */
  public static void write(Map<String, List<CaseResult>> resultsByFile, Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, FhirJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(of(resultsByFile)) + "\n");
  }
}

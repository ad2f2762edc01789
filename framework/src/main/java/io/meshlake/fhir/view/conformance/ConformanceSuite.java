package io.meshlake.fhir.view.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.CompiledView;
import io.meshlake.fhir.view.FhirJson;
import io.meshlake.fhir.view.RowJson;
import io.meshlake.fhir.view.ViewColumn;
import io.meshlake.fhir.view.ViewDefinition;
import io.meshlake.fhir.view.ViewDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs SQL on FHIR v2 conformance test files (the suite's {@code tests.schema.json} format) with the
 * plain-Java view engine. A case passes when the view is rejected and {@code expectError} is true, or
 * when its rows equal {@code expect} as a multiset (order ignored; numbers compared by value; a missing
 * key equals null), its row count equals {@code expectCount}, and its column names equal
 * {@code expectColumns} in order.
 */
public final class ConformanceSuite {
  private ConformanceSuite() {}

  /** The {@code *.json} test files in a folder, by name. */
  public static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Runs every case of one test file. */
  public static List<CaseResult> run(Path file) throws IOException {
    JsonNode suite = FhirJson.parse(Files.readString(file), file.toString());
    List<CaseResult> results = new ArrayList<>();
    for (JsonNode test : suite.path("tests")) {
      results.add(run(test, suite.path("resources")));
    }
    return results;
  }

  /** Runs one test case over the file's resources. */
  public static CaseResult run(JsonNode test, JsonNode resources) {
    String name = test.path("title").asText();
    boolean expectError = test.path("expectError").asBoolean(false);
    List<ViewColumn> columns;
    List<JsonNode> rows = new ArrayList<>();
    try {
      CompiledView view = CompiledView.compile(ViewDefinition.read(test.path("view")));
      columns = view.columns();
      for (JsonNode resource : resources) {
        for (Object[] row : view.rows(resource)) {
          rows.add(RowJson.of(columns, row));
        }
      }
    } catch (ViewDefinitionException e) {
      return expectError ? CaseResult.pass(name) : CaseResult.fail(name, "the view was rejected: " + e.getMessage());
    }
    if (expectError) {
      return CaseResult.fail(name, "expected the view to be rejected, but it ran and returned " + rows.size() + " rows");
    }
    List<String> problems = new ArrayList<>();
    if (test.has("expectColumns")) {
      List<String> expected = new ArrayList<>();
      test.get("expectColumns").forEach(c -> expected.add(c.asText()));
      List<String> actual = columns.stream().map(ViewColumn::name).toList();
      if (!expected.equals(actual)) {
        problems.add("expected columns " + expected + " but got " + actual);
      }
    }
    if (test.has("expectCount") && test.get("expectCount").asInt() != rows.size()) {
      problems.add("expected " + test.get("expectCount").asInt() + " rows but got " + rows.size());
    }
    if (test.has("expect")) {
      RowMatcher.compare(test.get("expect"), rows).ifPresent(problems::add);
    }
    return problems.isEmpty() ? CaseResult.pass(name) : CaseResult.fail(name, String.join("; ", problems));
  }
}

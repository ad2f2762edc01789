package io.meshlake.jobs.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.CompiledView;
import io.meshlake.fhir.view.FhirJson;
import io.meshlake.fhir.view.ViewDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.hl7.fhir.r4.model.Resource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshlake fhir bench-views}: resources per second per core for three typical views, meshlake's
 * compiled FHIRPath over Jackson JSON against HAPI's FHIRPathEngine over parsed HAPI resources.
 */
@Command(name = "bench-views", mixinStandardHelpOptions = true,
    description = {"Benchmark the view engine on one thread: generate Synthea-like Patient, Encounter and vital-sign"
        + " Observation JSON in memory, run three typical views (patient demographics, observations unnested over"
        + " code.coding, encounters) and print resources/second for meshlake's engine (with and without JSON parsing)"
        + " and for HAPI FHIRPath on the same views over already-parsed HAPI resources, with the ratio."},
    footer = {"", "Example:  ./meshlake fhir bench-views --resources 50000 --rounds 5"})
final class BenchViewsCommand implements Callable<Integer> {
  static final Map<String, String> VIEWS = Map.of(
      "patient_demographics", """
          {"resource": "Patient", "select": [{"column": [
            {"name": "id", "path": "id"}, {"name": "gender", "path": "gender"}, {"name": "birth_date", "path": "birthDate"},
            {"name": "family", "path": "name.where(use = 'official').family.first()"},
            {"name": "given", "path": "name.where(use = 'official').given.first()"},
            {"name": "city", "path": "address.city.first()"}, {"name": "mrn", "path": "identifier.where(type.exists()).value.first()"},
            {"name": "birth_sex", "path": "extension.where(url = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex').value.first()"}]}]}""",
      "observation_values", """
          {"resource": "Observation", "where": [{"path": "status = 'final'"}], "select": [
            {"column": [{"name": "id", "path": "id"}, {"name": "patient", "path": "subject.reference"},
              {"name": "effective", "path": "effective.ofType(dateTime)"},
              {"name": "value", "path": "value.ofType(Quantity).value"}, {"name": "unit", "path": "value.ofType(Quantity).code"}]},
            {"forEach": "code.coding", "column": [{"name": "system", "path": "system"}, {"name": "code", "path": "code"},
              {"name": "display", "path": "display"}]}]}""",
      "encounters", """
          {"resource": "Encounter", "select": [{"column": [
            {"name": "id", "path": "id"}, {"name": "status", "path": "status"}, {"name": "class", "path": "class.code"},
            {"name": "type", "path": "type.coding.code.first()"}, {"name": "patient", "path": "subject.reference"},
            {"name": "start", "path": "period.start"}, {"name": "end", "path": "period.end"}]}]}""");

  @Option(names = "--resources", defaultValue = "20000", paramLabel = "N", description = "Resources to generate (default ${DEFAULT-VALUE}).")
  int resources;

  @Option(names = "--rounds", defaultValue = "5", paramLabel = "N", description = "Timed rounds per measurement, best kept (default ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() {
    List<String> all = SyntheticResources.generate(resources, 42);
    FhirContext fhir = FhirContext.forR4();
    IParser parser = fhir.newJsonParser();
    System.out.printf("FHIR view benchmark: %,d resources (Patient, Encounter, Observation), 1 thread, best of %d rounds%n",
        all.size(), rounds);
    System.out.printf("%-21s %7s %7s | %14s %14s | %14s %14s | %6s %6s%n", "view", "in", "rows", "meshlake json", "meshlake tree",
        "HAPI json", "HAPI parsed", "json", "tree");
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(VIEWS).entrySet()) {
      ViewDefinition view = ViewDefinition.parse(entry.getValue());
      List<String> json = all.stream().filter(r -> r.startsWith("{\"resourceType\":\"" + view.resource() + "\"")).toList();
      List<JsonNode> parsed = json.stream().map(r -> FhirJson.parse(r, "a resource")).toList();
      List<Resource> hapi = json.stream().map(r -> (Resource) parser.parseResource(r)).toList();
      CompiledView compiled = CompiledView.compile(view);
      HapiViewRunner hapiView = new HapiViewRunner(fhir, view);
      long rows = countRows(parsed, r -> compiled.rows(r).size());
      long hapiRows = countRows(hapi, r -> hapiView.rows(r).size());
      if (rows != hapiRows) {
        throw new IllegalStateException("View " + entry.getKey() + ": meshlake gave " + rows + " rows, HAPI " + hapiRows);
      }
      double fromJson = rate(json, r -> compiled.rows(FhirJson.parse(r, "a resource")).size());
      double fromTree = rate(parsed, r -> compiled.rows(r).size());
      double hapiFromJson = rate(json, r -> hapiView.rows((Resource) parser.parseResource(r)).size());
      double hapiParsed = rate(hapi, r -> hapiView.rows(r).size());
      System.out.printf("%-21s %,7d %,7d | %,14.0f %,14.0f | %,14.0f %,14.0f | %5.1fx %5.1fx%n", entry.getKey(), json.size(), rows,
          fromJson, fromTree, hapiFromJson, hapiParsed, fromJson / hapiFromJson, fromTree / hapiParsed);
    }
    double hapiParse = rate(all, r -> parser.parseResource(r).hashCode());
    double jacksonParse = rate(all, r -> FhirJson.parse(r, "a resource").size());
    System.out.printf("parsing alone: Jackson %,.0f resources/s, HAPI %,.0f resources/s%n", jacksonParse, hapiParse);
    System.out.println("resources/s on one core, over the view's resource type only. json = from JSON text (parse + view);"
        + " tree = meshlake over parsed Jackson trees; parsed = HAPI FHIRPath over parsed HAPI resources;"
        + " the last two columns are meshlake over HAPI, like for like.");
    return 0;
  }

  private static <T> long countRows(List<T> resources, ToLongFunction<T> rows) {
    long total = 0;
    for (T resource : resources) {
      total += rows.applyAsLong(resource);
    }
    return total;
  }

  /** Resources per second, best of the rounds after one warm-up pass. */
  private <T> double rate(List<T> resources, ToLongFunction<T> work) {
    countRows(resources, work);
    double best = 0;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      long sink = countRows(resources, work);
      double seconds = (System.nanoTime() - start) / 1e9;
      best = Math.max(best, resources.size() / seconds + (sink < 0 ? 1 : 0));
    }
    return best;
  }
}

package io.meshlake.fhir.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.conformance.RowMatcher;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The Spark path gives the same rows as the plain-Java engine and the suite, with a schema derived from the view. */
class FhirViewSparkTest extends SparkTestBase {
  private static final StructType INPUT = new StructType()
      .add("resource_type", DataTypes.StringType).add("resource", DataTypes.StringType);

  @Test
  void conformanceCasesGiveTheSameRowsInSpark() throws IOException {
    Map<String, List<String>> cases = Map.of(
        "foreach.json", List.of("forEach: normal", "forEachOrNull & unionAll & column & select on the same level"),
        "union.json", List.of("nested", "empty with forEachOrNull"),
        "collection.json", List.of("collection = true"),
        "fhirpath.json", List.of("string join", "index[1]"),
        "basic.json", List.of("column ordering", "where - 1"),
        "view_resource.json", List.of("only obs"));
    int checked = 0;
    for (Map.Entry<String, List<String>> file : cases.entrySet()) {
      JsonNode suite = FhirJson.parse(Files.readString(ConformanceSuiteTest.suiteFolder().resolve(file.getKey())), file.getKey());
      Dataset<Row> resources = resources(suite.get("resources"));
      for (JsonNode test : suite.get("tests")) {
        if (!file.getValue().contains(test.get("title").asText())) {
          continue;
        }
        Dataset<Row> view = FhirView.apply(resources, ViewDefinition.read(test.get("view")));
        List<JsonNode> rows = view.toJSON().collectAsList().stream().map(json -> FhirJson.parse(json, "a row")).toList();
        assertThat(RowMatcher.compare(test.get("expect"), rows)).as(file.getKey() + " / " + test.get("title")).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(10);
  }

  @Test
  void schemaFollowsTypesTagsAndCollections() {
    ViewDefinition view = ViewDefinition.parse("""
        {"resource": "Patient", "select": [{"column": [
          {"name": "id", "path": "getResourceKey()"},
          {"name": "active", "path": "active", "type": "boolean"},
          {"name": "birth", "path": "birthDate", "type": "date", "tag": [{"name": "ansi/type", "value": "DATE"}]},
          {"name": "birth_text", "path": "birthDate", "type": "date"},
          {"name": "has_name", "path": "name.exists()"},
          {"name": "given", "path": "name.given", "collection": true}]},
          {"forEach": "name", "column": [{"name": "name_index", "path": "%rowIndex"}]}]}""");
    Dataset<Row> rows = FhirView.apply(resources(List.of(
        "{\"resourceType\": \"Patient\", \"id\": \"p1\", \"active\": true, \"birthDate\": \"1980-02-29\","
            + " \"name\": [{\"given\": [\"Ann\", \"Bo\"]}, {\"given\": [\"Cy\"]}]}",
        "{\"resourceType\": \"Observation\", \"id\": \"o1\"}")), view);

    assertThat(rows.schema().simpleString()).isEqualTo("struct<id:string,active:boolean,birth:date,birth_text:string,"
        + "has_name:boolean,given:array<string>,name_index:int>");
    List<Row> collected = rows.orderBy("name_index").collectAsList();
    assertThat(collected).hasSize(2);
    assertThat(collected.get(1).get(2)).hasToString("1980-02-29");
    assertThat(collected.get(1).getList(5)).containsExactly("Ann", "Bo", "Cy");
    assertThat(collected.get(1).getInt(6)).isEqualTo(1);
  }

  @Test
  void aResourceThatBreaksTheViewFailsTheJobNamingTheColumn() {
    ViewDefinition view = ViewDefinition.parse("""
        {"resource": "Patient", "select": [{"column": [{"name": "family", "path": "name.family"}]}]}""");
    Dataset<Row> rows = FhirView.apply(resources(List.of(
        "{\"resourceType\": \"Patient\", \"id\": \"p1\", \"name\": [{\"family\": \"A\"}, {\"family\": \"B\"}]}")), view);
    assertThatThrownBy(rows::collectAsList).hasStackTraceContaining("Column 'family'")
        .hasStackTraceContaining("Patient/p1").hasStackTraceContaining("collection");
  }

  private static Dataset<Row> resources(JsonNode resources) {
    List<String> json = new ArrayList<>();
    resources.forEach(r -> json.add(r.toString()));
    return resources(json);
  }

  private static Dataset<Row> resources(List<String> json) {
    List<Row> rows = json.stream()
        .map(r -> RowFactory.create(FhirJson.parse(r, "a resource").get("resourceType").asText(), r)).toList();
    return spark().createDataFrame(rows, INPUT).repartition(2);
  }
}

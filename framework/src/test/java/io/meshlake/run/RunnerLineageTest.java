package io.meshlake.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.meshlake.api.Deduplicate;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.lineage.Lineage;
import io.meshlake.lineage.LineageSettings;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import io.meshlake.testing.TestGovernance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenLineage events of real runs (the people domain of the runner's tests, on its test contract for
 * {@code people_gold.scores}), read back from the file transport's NDJSON and from a real HTTP server.
 */
class RunnerLineageTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path extract;
  @TempDir
  Path lineageFolder;
  private String warehouse;
  private Warehouse store;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void setUp() {
    warehouse = freshWarehouse();
    store = Warehouse.delta(spark(), warehouse);
  }

  /** Bronze, silver and the gold product {@code scores}: a total per name, or (breaking its key) a row per person. */
  private static DomainSpec people(boolean rowPerPerson) {
    return DomainSpec.builder("people")
        .ingest("people_raw", RunnerTest.PEOPLE)
        .silver(Table.named("persons").fromNewRowsOf("people_raw")
            .transform(c -> Deduplicate.latestArrival(c.input("people_raw"), "id")
                .select(col("id").as("person_id"), col("name"), col("score")))
            .merge("person_id"))
        .gold(Table.named("scores").from("persons")
            .transform(c -> rowPerPerson
                ? c.input("persons").select(col("name"), col("score").cast("bigint").as("total"))
                : c.input("persons").groupBy("name").agg(sum("score").as("total")))
            .overwrite())
        .build();
  }

  private RunResult run(DomainSpec spec, LineageSettings settings, Optional<String> apiKey) {
    Lineage lineage = new Lineage(settings, store, apiKey, progress::add);
    return new Runner(store, new RunLog(store.delta()), TestGovernance.governor(store), progress::add, lineage)
        .run(Planner.of(List.of(spec)).plan(Selection.domain(spec.name())),
            new RunOptions(extract.toString(), false, 1024, Optional.empty()));
  }

  private LineageSettings file(Path events) {
    return new LineageSettings(LineageSettings.Transport.FILE, events.toString(), null, null, null, null);
  }

  private static LineageSettings http(String url) {
    return new LineageSettings(LineageSettings.Transport.HTTP, null, url, null, 2000, null);
  }

  @Test
  void everyBuildEmitsStartAndCompleteWithItsInputsOutputsSchemaCountsAndGate() throws IOException {
    Path csv = write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1", "p2,bob,2", "p3,ann,3", "p4,cy,many");
    Path events = lineageFolder.resolve("events.ndjson");

    RunResult result = run(people(false), file(events), Optional.empty());

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Map<String, List<JsonNode>> byJob = byJob(read(events));
    assertThat(byJob).containsOnlyKeys("people_bronze.people_raw", "people_silver.persons", "people_gold.scores");
    Set<String> buildRuns = new java.util.HashSet<>();
    for (Map.Entry<String, List<JsonNode>> job : byJob.entrySet()) {
      List<JsonNode> two = job.getValue();
      assertThat(two).extracting(e -> e.path("eventType").asText()).as(job.getKey()).containsExactly("START", "COMPLETE");
      assertThat(two).extracting(e -> e.path("job").path("namespace").asText()).containsOnly("meshlake");
      String runId = two.get(0).path("run").path("runId").asText();
      assertThat(two.get(1).path("run").path("runId").asText()).isEqualTo(runId);
      assertThat(UUID.fromString(runId)).isNotNull();
      buildRuns.add(runId);
      for (JsonNode event : two) {
        JsonNode facets = event.path("run").path("facets");
        assertThat(facets.path("parent").path("job").path("name").asText()).isEqualTo("people");
        assertThat(facets.path("meshlake_run").path("runId").asText()).isEqualTo(result.runId());
      }
    }
    assertThat(buildRuns).as("a run id per build").hasSize(3);
    assertThat(read(events).stream().map(e -> e.path("run").path("facets").path("parent").path("run").path("runId").asText())
        .collect(Collectors.toSet())).as("one parent: the meshlake run").hasSize(1);

    // inputs as declared: the extract folder, then the tables read
    JsonNode bronze = complete(byJob, "people_bronze.people_raw");
    assertThat(names(bronze.path("inputs"))).containsExactly(extract.toAbsolutePath().toString());
    assertThat(bronze.path("inputs").get(0).path("namespace").asText()).isEqualTo("file");
    JsonNode read = bronze.path("inputs").get(0).path("inputFacets").path("inputStatistics");
    assertThat(read.path("rowCount").asLong()).as("4 data lines").isEqualTo(4);
    assertThat(read.path("fileCount").asLong()).isEqualTo(1);
    assertThat(read.path("size").asLong()).isEqualTo(Files.size(csv));
    assertThat(names(complete(byJob, "people_silver.persons").path("inputs"))).containsExactly("people_bronze.people_raw");
    assertThat(names(complete(byJob, "people_gold.scores").path("inputs"))).containsExactly("people_silver.persons");
    assertThat(complete(byJob, "people_gold.scores").path("inputs").get(0).path("facets").path("version")
        .path("datasetVersion").asText()).isEqualTo(String.valueOf(store.version(TableId.parse("people_silver.persons")).orElseThrow()));

    // outputs: the table written (and the bronze quarantine), in the warehouse's namespace
    assertThat(names(bronze.path("outputs"))).containsExactly("people_bronze.people_raw", "people_bronze.people_raw_quarantine");
    for (String table : List.of("people_bronze.people_raw", "people_bronze.people_raw_quarantine", "people_silver.persons",
        "people_gold.scores")) {
      JsonNode output = output(complete(byJob, table.replace("_quarantine", "")), table);
      assertThat(output.path("namespace").asText()).isEqualTo("file:" + warehouse);
      assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong()).as(table)
          .isEqualTo(spark().table(table).count());
    }
    for (String table : List.of("people_bronze.people_raw", "people_silver.persons", "people_gold.scores")) {
      List<String> columns = new ArrayList<>();
      output(complete(byJob, table), table).path("facets").path("schema").path("fields")
          .forEach(f -> columns.add(f.path("name").asText() + " " + f.path("type").asText()));
      assertThat(columns).as(table).isNotEmpty().containsExactlyElementsOf(
          java.util.Arrays.stream(spark().table(table).schema().fields())
              .map(f -> f.name() + " " + f.dataType().simpleString()).toList());
    }
    assertThat(spark().table("people_gold.scores").count()).as("ann and bob").isEqualTo(2);

    // the gold gate's rules: the contract's key (name) and its required column (name) hold
    JsonNode gate = output(complete(byJob, "people_gold.scores"), "people_gold.scores").path("outputFacets")
        .path("dataQualityAssertions");
    assertThat(gate.path("_schemaURL").asText()).contains("DataQualityAssertionsDatasetFacet");
    assertThat(gate.path("assertions")).extracting(a -> a.path("name").asText() + " " + a.path("column").asText()
        + " " + a.path("success").asBoolean())
        .containsExactlyInAnyOrder("contract_primary_key name true", "contract_required_name name true");
    assertThat(progress).noneMatch(line -> line.contains("warning"));
  }

  @Test
  void aProductTheGateKeepsFromPublicationEmitsFailWithTheMessageAndTheBrokenRule() throws IOException {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1", "p2,ann,2", "p3,bob,3");
    Path events = lineageFolder.resolve("events.ndjson");

    RunResult result = run(people(true), file(events), Optional.empty());

    assertThat(result.builds()).filteredOn(b -> b.table().qualifiedName().equals("people_gold.scores"))
        .singleElement().satisfies(b -> assertThat(b.status()).isEqualTo(BuildStatus.FAILED));
    Map<String, List<JsonNode>> byJob = byJob(read(events));
    assertThat(byJob.get("people_silver.persons")).extracting(e -> e.path("eventType").asText())
        .containsExactly("START", "COMPLETE");
    List<JsonNode> gold = byJob.get("people_gold.scores");
    assertThat(gold).extracting(e -> e.path("eventType").asText()).containsExactly("START", "FAIL");
    assertThat(gold.get(1).path("run").path("runId").asText()).isEqualTo(gold.get(0).path("run").path("runId").asText());
    JsonNode error = gold.get(1).path("run").path("facets").path("errorMessage");
    assertThat(error.path("message").asText())
        .contains("people_gold.scores was not published: 1 rule(s) failed")
        .contains("contract_primary_key");
    assertThat(error.path("programmingLanguage").asText()).isEqualTo("Java");
    JsonNode output = output(gold.get(1), "people_gold.scores");
    assertThat(output.path("outputFacets").has("outputStatistics")).as("nothing was written").isFalse();
    assertThat(output.path("outputFacets").path("dataQualityAssertions").path("assertions"))
        .extracting(a -> a.path("name").asText() + " " + a.path("success").asBoolean())
        .containsExactlyInAnyOrder("contract_primary_key false", "contract_required_name true");
  }

  @Test
  void theHttpTransportPostsEveryEventToARealServerWithTheApiKey() throws Exception {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1");
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/lineage", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
    try {
      RunResult result = run(DomainSpec.builder("people").ingest("people_raw", RunnerTest.PEOPLE).build(),
          http("http://127.0.0.1:" + server.getAddress().getPort()), Optional.of("test-key"));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
    } finally {
      server.stop(0);
    }
    assertThat(received).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("POST /api/v1/lineage Bearer test-key {"));
    List<JsonNode> events = new ArrayList<>();
    for (String r : received) {
      events.add(JSON.readTree(r.substring(r.indexOf('{'))));
    }
    assertThat(events).extracting(e -> e.path("eventType").asText() + " " + e.path("job").path("name").asText())
        .containsExactly("START people_bronze.people_raw", "COMPLETE people_bronze.people_raw");
    assertThat(output(events.get(1), "people_bronze.people_raw").path("outputFacets").path("outputStatistics")
        .path("rowCount").asLong()).isEqualTo(1);
    assertThat(progress).noneMatch(line -> line.contains("warning"));
  }

  @Test
  void aServerThatCannotBeReachedGivesOneWarningAndTheRunGoesOn() throws IOException {
    write(extract.resolve("people.csv"), "Id,NAME,SCORE", "p1,ann,1", "p2,bob,2");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    DomainSpec spec = DomainSpec.builder("people")
        .ingest("people_raw", RunnerTest.PEOPLE)
        .silver(Table.named("persons").fromNewRowsOf("people_raw")
            .transform(c -> c.input("people_raw").select(col("id").as("person_id"), col("name")))
            .merge("person_id"))
        .build();

    RunResult result = run(spec, http("http://127.0.0.1:" + closedPort), Optional.of("secret-key-123"));

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(result.builds()).extracting(b -> b.status()).containsOnly(BuildStatus.SUCCEEDED);
    assertThat(spark().table("people_silver.persons").count()).isEqualTo(2);
    List<String> warnings = progress.stream().filter(line -> line.contains("warning")).toList();
    assertThat(warnings).singleElement().asString()
        .contains("lineage events of this run are not emitted to http://127.0.0.1:" + closedPort + "/api/v1/lineage")
        .contains("the run goes on");
    assertThat(progress).noneMatch(line -> line.contains("secret-key-123"));
  }

  private static List<JsonNode> read(Path ndjson) {
    try {
      List<JsonNode> events = new ArrayList<>();
      for (String line : Files.readAllLines(ndjson)) {
        events.add(JSON.readTree(line));
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Events by job name, each job's in the order written. */
  private static Map<String, List<JsonNode>> byJob(List<JsonNode> events) {
    Map<String, List<JsonNode>> byJob = new TreeMap<>();
    events.forEach(e -> byJob.computeIfAbsent(e.path("job").path("name").asText(), k -> new ArrayList<>()).add(e));
    return byJob;
  }

  private static JsonNode complete(Map<String, List<JsonNode>> byJob, String job) {
    return byJob.get(job).stream().filter(e -> e.path("eventType").asText().equals("COMPLETE")).findFirst().orElseThrow();
  }

  private static List<String> names(JsonNode datasets) {
    return StreamSupport.stream(datasets.spliterator(), false).map(d -> d.path("name").asText()).toList();
  }

  private static JsonNode output(JsonNode event, String name) {
    return StreamSupport.stream(event.path("outputs").spliterator(), false)
        .filter(o -> o.path("name").asText().equals(name)).findFirst().orElseThrow();
  }
}

package io.meshlake.jobs.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * A client of Airflow 3's public REST API (v2) for meshlake's DAGs.
 *
 * <p>It logs in with {@code POST /auth/token} and logs in again when the token expires (401). Requests
 * that fail to connect or get a 5xx answer are retried with exponential backoff; requests that could
 * create something twice (asset events) are retried only when the connection was never made. Runs are
 * triggered under a run id the caller chooses, so a retried trigger finds the run instead of creating a
 * second one. A 4xx answer becomes an {@link AirflowApiException} saying what to fix.
 */
public final class AirflowClient {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final AirflowEndpoint endpoint;
  private final Consumer<String> progress;
  private final int attempts;
  private final Duration firstBackoff;
  // HTTP/1.1: with the default h2c upgrade attempt, uvicorn (Airflow's API server) drops the request body.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private String token;

  /**
   * A client that tries each request up to {@code attempts} times, waiting {@code firstBackoff}, then
   * twice as long, and so on between tries.
   *
   * @param progress where retry notices go
   */
  public AirflowClient(AirflowEndpoint endpoint, int attempts, Duration firstBackoff, Consumer<String> progress) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.endpoint = endpoint;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.progress = progress;
  }

  /** A client with 5 tries per request, 1 s apart at first. */
  public AirflowClient(AirflowEndpoint endpoint, Consumer<String> progress) {
    this(endpoint, 5, Duration.ofSeconds(1), progress);
  }

  /** The DAGs whose id starts with {@code prefix}, by id. */
  public List<Dag> dags(String prefix) {
    JsonNode body = get("/api/v2/dags?limit=1000&order_by=dag_id&dag_id_pattern=" + query(prefix));
    return list(body.path("dags"), Dag.class).stream().filter(d -> d.dagId().startsWith(prefix)).toList();
  }

  /** DAG files Airflow failed to parse: file name and the error's last line. */
  public List<String> importErrors() {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : get("/api/v2/importErrors?limit=1000").path("import_errors")) {
      List<String> trace = error.path("stack_trace").asText("").strip().lines().toList();
      errors.add(error.path("filename").asText() + ": " + (trace.isEmpty() ? "" : trace.get(trace.size() - 1)));
    }
    return errors;
  }

  /** One DAG. */
  public Dag dag(String dagId) {
    return convert(get("/api/v2/dags/" + segment(dagId)), Dag.class);
  }

  /** The ids of a DAG's tasks, as Airflow parsed its file last, in id order. */
  public List<String> taskIds(String dagId) {
    List<String> ids = new ArrayList<>();
    get("/api/v2/dags/" + segment(dagId) + "/tasks").path("tasks").forEach(task -> ids.add(task.path("task_id").asText()));
    return ids;
  }

  /** Unpauses a DAG (paused DAGs start no runs, not even triggered ones). */
  public Dag unpause(String dagId) {
    return patchPaused(dagId, false);
  }

  /**
   * Pauses a DAG: it starts no new runs (scheduled, asset-triggered or triggered), and its runs in
   * progress start no further tasks.
   */
  public Dag pause(String dagId) {
    return patchPaused(dagId, true);
  }

  private Dag patchPaused(String dagId, boolean paused) {
    return convert(send(Call.idempotent("PATCH", "/api/v2/dags/" + segment(dagId), Map.of("is_paused", paused))),
        Dag.class);
  }

  /**
   * Triggers a run under {@code runId}. If that run exists already (a retry after a lost answer, or the
   * same command run twice), it is returned instead: a trigger never creates two runs.
   *
   * @param logicalDate the run's logical date; empty for none (allowed since Airflow 3)
   * @param conf the run's conf, i.e. DAG params such as {@code input}
   */
  public DagRun trigger(String dagId, String runId, Optional<Instant> logicalDate, Map<String, Object> conf) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dag_run_id", runId);
    body.put("logical_date", logicalDate.map(Instant::toString).orElse(null));
    body.put("conf", conf);
    Response response = sendAllowing(Call.idempotent("POST", "/api/v2/dags/" + segment(dagId) + "/dagRuns", body), 409);
    if (response.status() == 409) {
      progress.accept("Run " + runId + " of " + dagId + " exists already: following it instead of triggering another");
      return run(dagId, runId);
    }
    return convert(response.body(), DagRun.class);
  }

  /** One run. */
  public DagRun run(String dagId, String runId) {
    return convert(get(runPath(dagId, runId)), DagRun.class);
  }

  /** The latest runs of a DAG, newest first. */
  public List<DagRun> runs(String dagId, int limit) {
    return list(get("/api/v2/dags/" + segment(dagId) + "/dagRuns?order_by=-run_after&limit=" + limit).path("dag_runs"),
        DagRun.class);
  }

  /** The tasks of a run with their latest tries. */
  public List<TaskInstance> taskInstances(String dagId, String runId) {
    return list(get(runPath(dagId, runId) + "/taskInstances?limit=1000").path("task_instances"), TaskInstance.class);
  }

  /**
   * Waits until a run ends or {@code timeout} passes, reporting each task's state changes, and returns
   * the run's last state ({@link DagRun#finished()} tells which).
   */
  public DagRun await(String dagId, String runId, Duration timeout, Duration pollInterval) {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, String> seen = new HashMap<>();
    String runState = "";
    while (true) {
      DagRun run = run(dagId, runId);
      if (!run.state().equals(runState)) {
        progress.accept(dagId + " " + runId + ": " + run.state());
        runState = run.state();
      }
      for (TaskInstance task : taskInstances(dagId, runId)) {
        String state = task.state() + (task.tryNumber() > 1 ? " (try " + task.tryNumber() + ")" : "");
        if (task.state() != null && !state.equals(seen.put(task.taskId(), state))) {
          progress.accept("  " + task.taskId() + ": " + state);
        }
      }
      if (run.finished()) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        return run;
      }
      sleep(pollInterval);
    }
  }

  /** The log of one try of a task, one line per record. */
  public List<String> log(String dagId, String runId, String taskId, int tryNumber) {
    JsonNode body = get(runPath(dagId, runId) + "/taskInstances/" + segment(taskId) + "/logs/" + tryNumber
        + "?full_content=true");
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : body.path("content")) {
      if (entry.isTextual()) {
        lines.add(entry.asText());
      } else {
        String level = entry.path("level").asText("");
        lines.add(String.join(" ", List.of(entry.path("timestamp").asText(""), level.isEmpty() ? "" : "[" + level + "]",
            entry.path("event").asText(""))).strip());
      }
    }
    return lines;
  }

  /**
   * Clears the failed (and upstream-failed) tasks of a run so the scheduler runs them again, and
   * returns the tasks cleared.
   */
  public List<TaskInstance> clearFailed(String dagId, String runId) {
    Map<String, Object> body = Map.of("dry_run", false, "dag_run_id", runId, "only_failed", true, "reset_dag_runs", true);
    JsonNode response = send(Call.idempotent("POST", "/api/v2/dags/" + segment(dagId) + "/clearTaskInstances", body));
    return list(response.path("task_instances"), TaskInstance.class);
  }

  /**
   * Starts a backfill: one run per logical date of the DAG's schedule from {@code from} to {@code to}
   * (both included, UTC).
   */
  public Backfill backfill(String dagId, LocalDate from, LocalDate to, String reprocessBehavior, int maxActiveRuns) {
    return convert(send(Call.idempotent("POST", "/api/v2/backfills",
        backfillBody(dagId, from, to, reprocessBehavior, maxActiveRuns))), Backfill.class);
  }

  /** The logical dates a backfill would run, without starting it. */
  public List<String> backfillDryRun(String dagId, LocalDate from, LocalDate to, String reprocessBehavior) {
    JsonNode body = send(Call.idempotent("POST", "/api/v2/backfills/dry_run",
        backfillBody(dagId, from, to, reprocessBehavior, 1)));
    return StreamSupport.stream(body.path("backfills").spliterator(), false)
        .map(b -> b.path("logical_date").asText()).toList();
  }

  /**
   * Records that a gold product was published outside Airflow (e.g. by {@code meshlake run}), so DAGs
   * scheduled on its asset run. Returns the event's id.
   *
   * @throws AirflowApiException when Airflow knows no asset with that URI (no deployed DAG declares it)
   */
  public long publishAssetEvent(String assetUri, Map<String, Object> extra) {
    JsonNode assets = get("/api/v2/assets?limit=100&uri_pattern=" + query(assetUri)).path("assets");
    long assetId = StreamSupport.stream(assets.spliterator(), false)
        .filter(a -> a.path("uri").asText().equals(assetUri)).mapToLong(a -> a.path("id").asLong()).findFirst()
        .orElseThrow(() -> new AirflowApiException(404, "Airflow knows no asset " + assetUri
            + ": deploy the DAGs (`meshlake airflow dags --out <dag folder>`) and let Airflow parse them first", null));
    Map<String, Object> body = Map.of("asset_id", assetId, "extra", extra);
    return send(new Call("POST", "/api/v2/assets/events", body, false)).path("id").asLong();
  }

  private static Map<String, Object> backfillBody(String dagId, LocalDate from, LocalDate to, String reprocessBehavior,
      int maxActiveRuns) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("The backfill range ends (" + to + ") before it starts (" + from + ")");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dag_id", dagId);
    body.put("from_date", from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    body.put("to_date", to.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    body.put("reprocess_behavior", reprocessBehavior);
    body.put("max_active_runs", maxActiveRuns);
    return body;
  }

  private static String runPath(String dagId, String runId) {
    return "/api/v2/dags/" + segment(dagId) + "/dagRuns/" + segment(runId);
  }

  private JsonNode get(String path) {
    return send(Call.idempotent("GET", path, null));
  }

  private JsonNode send(Call call) {
    return sendAllowing(call, -1).body();
  }

  /** Sends a call; a 4xx answer other than {@code allowed} becomes an exception. */
  private Response sendAllowing(Call call, int allowed) {
    Response response = exchange(call, true);
    if (response.status() == 401) {
      token = null;
      response = exchange(call, true);
    }
    if (response.status() >= 400 && response.status() != allowed) {
      throw refused(call, response);
    }
    return response;
  }

  private Response exchange(Call call, boolean authenticated) {
    Duration wait = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + call.path()))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call.body())));
        if (authenticated) {
          request.header("Authorization", "Bearer " + token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500 || attempt == attempts || !call.idempotent()) {
          return new Response(response.statusCode(), parse(response.body()));
        }
        progress.accept("Airflow answered " + response.statusCode() + " to " + call + "; retrying in " + wait.toMillis() + " ms");
      } catch (IOException e) {
        boolean mayRetry = call.idempotent() || e instanceof ConnectException;
        if (!mayRetry || attempt == attempts) {
          throw new AirflowApiException(0, "Cannot reach Airflow at " + endpoint.url() + " for " + call + " (" + attempt
              + (attempt == 1 ? " try" : " tries") + "): " + e + ". Check that its API server runs and "
              + AirflowEndpoint.URL_VARIABLE + " points to it", e);
        }
        progress.accept("Airflow did not answer " + call + " (" + e.getClass().getSimpleName() + "); retrying in "
            + wait.toMillis() + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while calling Airflow", e);
      }
      sleep(wait);
      wait = wait.multipliedBy(2);
    }
  }

  private String token() {
    if (token == null) {
      Call login = Call.idempotent("POST", "/auth/token",
          Map.of("username", endpoint.username(), "password", endpoint.password()));
      Response response = exchange(login, false);
      if (response.status() == 401 || response.status() == 403) {
        throw new AirflowApiException(response.status(), "Airflow at " + endpoint.url() + " refused the credentials of user '"
            + endpoint.username() + "': check " + AirflowEndpoint.USERNAME_VARIABLE + " and "
            + AirflowEndpoint.PASSWORD_VARIABLE, null);
      }
      if (response.status() >= 400) {
        throw refused(login, response);
      }
      token = response.body().path("access_token").asText(null);
      if (token == null) {
        throw new AirflowApiException(response.status(), "POST /auth/token at " + endpoint.url()
            + " answered without an access_token: is this Airflow 3 with an auth manager that issues tokens?", null);
      }
    }
    return token;
  }

  private AirflowApiException refused(Call call, Response response) {
    String detail = detail(response.body());
    String fix = switch (response.status()) {
      case 400, 422 -> "Check the values sent (dates are ISO-8601, e.g. 2025-01-31)";
      case 401, 403 -> "User '" + endpoint.username() + "' may not do this: give it a role that may (e.g. admin or op)";
      case 404 -> "Check the name. A DAG exists once Airflow has parsed its file: deploy them with"
          + " `meshlake airflow dags --out <dag folder>` and list them with `meshlake airflow status`";
      case 409 -> "It conflicts with what exists already";
      default -> "See Airflow's API server log";
    };
    return new AirflowApiException(response.status(), "Airflow refused " + call + " with " + response.status() + ": "
        + detail + ". " + fix, null);
  }

  /** FastAPI errors: {"detail": "text"}, {"detail": {...}} or {"detail": [{"loc": [...], "msg": "..."}]}. */
  private static String detail(JsonNode body) {
    JsonNode detail = body.path("detail");
    if (detail.isTextual()) {
      return detail.asText();
    }
    if (detail.isArray()) {
      List<String> problems = new ArrayList<>();
      for (JsonNode problem : detail) {
        problems.add(StreamSupport.stream(problem.path("loc").spliterator(), false).map(JsonNode::asText)
            .reduce((a, b) -> a + "." + b).orElse("") + ": " + problem.path("msg").asText());
      }
      return String.join("; ", problems);
    }
    return detail.isMissingNode() ? body.toString() : detail.toString();
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode().put("detail", text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Airflow answered with an unexpected " + type.getSimpleName() + ": " + node, e);
    }
  }

  private static <T> List<T> list(JsonNode array, Class<T> type) {
    List<T> items = new ArrayList<>();
    array.forEach(node -> items.add(convert(node, type)));
    return items;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Airflow", e);
    }
  }

  /** A request; only idempotent ones are retried after a connection failure mid-request or a 5xx. */
  private record Call(String method, String path, Object body, boolean idempotent) {
    static Call idempotent(String method, String path, Object body) {
      return new Call(method, path, body, true);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private record Response(int status, JsonNode body) {}
}

package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.DomainSpec;
import io.meshlake.jobs.airflow.AirflowClient;
import io.meshlake.jobs.airflow.AirflowEndpoint;
import io.meshlake.jobs.airflow.Dag;
import io.meshlake.jobs.airflow.DagRun;
import io.meshlake.jobs.airflow.TaskInstance;
import io.meshlake.plan.Domains;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drives the integration stack's Airflow 3 with the Java client: the generated DAGs deployed into its DAG
 * folder, the cluster job jar where the Variable meshlake_job_jar points, every task a spark-submit to
 * the stack's Spark standalone cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowIT extends SparkTestBase {
  private static final String MEMBER = "meshlake_member";
  private static final String CLAIMS = "meshlake_claims";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration POLL = Duration.ofSeconds(3);

  static AirflowClient client;
  static Path work;
  static Instant asOf;

  @BeforeAll
  static void deploy() throws IOException {
    work = IntegrationStack.work();
    client = new AirflowClient(new AirflowEndpoint(URI.create(IntegrationStack.env("MESHLAKE_IT_AIRFLOW_URL")),
        IntegrationStack.env("MESHLAKE_IT_AIRFLOW_USERNAME"), IntegrationStack.env("MESHLAKE_IT_AIRFLOW_PASSWORD")),
        line -> System.out.println("[airflow] " + line));
    // Deployed where the stack's Variables point: meshlake_job_jar, meshlake_input (claims reads it).
    Files.copy(IntegrationStack.clusterJar(), work.resolve("meshlake-job.jar"), StandardCopyOption.REPLACE_EXISTING);
    asOf = IntegrationStack.generatedAsOf(IntegrationStack.generateExtract(work.resolve("extract")));
    List<String> domains = Domains.discover().stream().map(DomainSpec::name).toList();
    // Per table first: every DAG imports, and member's tasks are its tables.
    deployDags("table");
    List<Dag> dags = awaitValue("every domain's DAG parsed", Duration.ofMinutes(3), () -> {
      List<Dag> parsed = client.dags("meshlake_");
      return parsed.size() == domains.size() ? parsed : null;
    });
    assertThat(client.importErrors()).isEmpty();
    assertThat(dags).extracting(Dag::dagId).contains(CLAIMS, MEMBER)
        .containsExactlyInAnyOrderElementsOf(domains.stream().map(d -> "meshlake_" + d).toList());
    assertThat(dags).filteredOn(d -> d.dagId().equals(CLAIMS)).extracting(Dag::timetableSummary).first()
        .asString().containsIgnoringCase("asset");
    assertThat(client.taskIds(MEMBER)).containsExactlyInAnyOrder("patients_raw", "payer_transitions_raw",
        "member_records", "enrollment_spans", "members", "enrollment", "member_months");
    // Then per layer, which the runs below use: three Spark applications a domain run instead of one a table.
    deployDags("layer");
    for (String dag : List.of(MEMBER, CLAIMS)) {
      awaitValue(dag + " re-parsed per layer", Duration.ofMinutes(3),
          () -> client.taskIds(dag).equals(List.of("bronze", "gold", "silver")) ? dag : null);
    }
    assertThat(client.importErrors()).isEmpty();
  }

  /**
   * Writes the DAGs into the stack's DAG folder. Starting tomorrow, the daily schedule runs nothing today
   * (Airflow 3's cron schedules fire at the start of the day, so a start today would run at once): the
   * runs here are the test's.
   */
  private static void deployDags(String grain) {
    assertThat(Meshlake.execute("airflow", "dags", "--out", IntegrationStack.env("MESHLAKE_IT_AIRFLOW_DAGS"),
        "--start-date", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString(), "--retries", "0",
        "--task-per", grain)).isZero();
  }

  @Test
  @Order(1)
  void aFailedLayerIsClearedAndRunAgainOnceItsInputExistsThenClaimsFollowsMembersAssets() throws IOException {
    client.unpause(MEMBER);
    client.unpause(CLAIMS);
    Path late = work.resolve("extract-late");
    // The extract's day as the run's as-of. (Not as its logical date: that would lie before the DAGs' start
    // date, tomorrow, and Airflow creates no task instances for a run before its tasks' start date.)
    Map<String, Object> conf = Map.of("input", late.toString(), "as_of", asOf.toString());
    DagRun first = client.trigger(MEMBER, "it-member-1", Optional.empty(), conf);
    DagRun again = client.trigger(MEMBER, "it-member-1", Optional.empty(), conf);
    assertThat(again.dagRunId()).isEqualTo(first.dagRunId());
    assertThat(client.runs(MEMBER, 10)).extracting(DagRun::dagRunId).containsOnlyOnce("it-member-1");

    DagRun failed = client.await(MEMBER, "it-member-1", RUN_TIMEOUT, POLL);
    assertThat(failed.state()).isEqualTo("failed");
    Map<String, TaskInstance> tasks = byTask(client.taskInstances(MEMBER, "it-member-1"));
    assertThat(tasks.get("bronze").state()).isEqualTo("failed");
    assertThat(tasks.get("silver").state()).isEqualTo("upstream_failed");
    assertThat(tasks.get("gold").state()).isEqualTo("upstream_failed");
    assertThat(String.join("\n", client.log(MEMBER, "it-member-1", "bronze", 1)))
        .contains("Extract folder " + late + " does not exist");

    IntegrationStack.generateExtract(late);
    List<TaskInstance> cleared = client.clearFailed(MEMBER, "it-member-1");
    assertThat(cleared).extracting(TaskInstance::taskId).contains("bronze", "silver", "gold");
    assertThat(client.await(MEMBER, "it-member-1", RUN_TIMEOUT, POLL).state()).isEqualTo("success");

    DagRun claims = awaitValue("an asset-triggered claims run", Duration.ofMinutes(3), () -> client.runs(CLAIMS, 10)
        .stream().filter(r -> r.runType().equals("asset_triggered")).findFirst().orElse(null));
    assertThat(client.await(CLAIMS, claims.dagRunId(), RUN_TIMEOUT, POLL).state()).isEqualTo("success");
    // The as-of reached both domains' runs, the asset-triggered one through member's asset events; claims'
    // 24-hour freshness gate passed against it (against the time of the run it would not).
    String asOfArgument = "--as-of " + asOf;
    assertThat(String.join("\n", client.log(MEMBER, "it-member-1", "gold", 1))).contains(asOfArgument);
    assertThat(String.join("\n", client.log(CLAIMS, claims.dagRunId(), "gold", 1))).contains(asOfArgument);

    GoldChecks.assertGoldMatchesExtract(spark(), work.resolve("airflow-warehouse"), late);
  }

  @Test
  @Order(2)
  void aBackfillDryRunListsOneLogicalDatePerDay() {
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    assertThat(client.backfillDryRun(MEMBER, first, first.plusDays(2), "none")).containsExactly(
        first + "T00:00:00Z", first.plusDays(1) + "T00:00:00Z", first.plusDays(2) + "T00:00:00Z");
  }

  @Test
  @Order(3)
  void anAssetEventPostedForMembersProductsTriggersClaims() {
    Instant before = Instant.now();
    assertThat(client.runs(CLAIMS, 10)).noneMatch(r -> Instant.parse(r.runAfter()).isAfter(before));
    client.publishAssetEvent("meshlake://member_gold/member_months", Map.of("published_by", "AirflowIT"));
    DagRun triggered = awaitValue("a claims run after the asset event", Duration.ofMinutes(3), () -> client.runs(CLAIMS, 10)
        .stream().filter(r -> r.runType().equals("asset_triggered") && Instant.parse(r.runAfter()).isAfter(before))
        .findFirst().orElse(null));
    assertThat(triggered.conf()).as("an asset-triggered run has no conf: it reads the Variable's input").isEmpty();
    // Whether a run of claims completes is the first test's part; pausing stops this one's next tasks.
    client.pause(CLAIMS);
  }

  private static Map<String, TaskInstance> byTask(List<TaskInstance> tasks) {
    return tasks.stream().collect(Collectors.toMap(TaskInstance::taskId, t -> t));
  }

  private static <T> T awaitValue(String what, Duration timeout, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("No " + what + " within " + timeout.toSeconds() + " s");
  }
}

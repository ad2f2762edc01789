package io.meshlake.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.plan.Step;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DAG files' shape; that Airflow imports them and runs them is AirflowIT's part. */
class DagGeneratorTest {
  private static final Planner PLANNER = Planner.of(Domains.discover());
  private static final DagOptions OPTIONS = new DagOptions("meshlake_spark", Optional.of("@daily"),
      LocalDate.of(2025, 1, 1), 2, Duration.ofMinutes(5), 1, TaskGrain.TABLE);

  private final Map<String, String> dags = new DagGenerator(PLANNER, OPTIONS).dags();

  @Test
  void oneDagPerDomainInTheOrderDomainsRun() {
    assertThat(dags.keySet()).containsExactlyInAnyOrder("meshlake_member.py", "meshlake_claims.py",
        "meshlake_clinical.py", "meshlake_provider.py");
    List<String> order = List.copyOf(dags.keySet());
    assertThat(order.indexOf("meshlake_member.py")).as("member publishes what claims reads")
        .isLessThan(order.indexOf("meshlake_claims.py"));
  }

  @Test
  void everyTableIsATaskAfterTheTablesOfItsDomainThatItReads() {
    String claims = dags.get("meshlake_claims.py");
    for (Step step : PLANNER.plan(Selection.domain("claims")).steps()) {
      assertThat(claims).contains("\"" + step.id().name() + "\": build(\"" + step.id().name() + "\", [\"--table\", \""
          + step.id().name() + "\"]");
    }
    assertThat(claims).contains("[tasks[\"claim_lines\"], tasks[\"claims\"]] >> tasks[\"payments_by_member_month\"]")
        .contains("[tasks[\"payments_by_member_month\"]] >> tasks[\"payer_pmpm\"]")
        .doesNotContain("tasks[\"member_months\"]");
  }

  @Test
  void aDomainReadingAnotherDomainsProductIsScheduledOnItsAsset() {
    assertThat(dags.get("meshlake_member.py")).contains("schedule=\"@daily\",");
    assertThat(dags.get("meshlake_claims.py")).contains("schedule=[ASSETS[\"member_gold.member_months\"]],")
        .contains("\"member_gold.member_months\": Asset(name=\"member_gold.member_months\","
            + " uri=\"meshlake://member_gold/member_months\"),")
        .contains("inlets=[ASSETS[\"member_gold.member_months\"]], outlets=[ASSETS[\"claims_gold.payer_pmpm\"]])");
  }

  @Test
  void goldTasksPublishTheirProductsAssetAndOthersPublishNothing() {
    String member = dags.get("meshlake_member.py");
    assertThat(member).contains("outlets=[ASSETS[\"member_gold.member_months\"]]")
        .contains("outlets=[ASSETS[\"member_gold.enrollment\"]]")
        .contains("outlets=[ASSETS[\"member_gold.members\"]]");
    assertThat(member.lines().filter(l -> l.contains("outlets=[ASSETS"))).hasSize(3);
  }

  @Test
  void whereThingsLiveComesFromAirflowNotFromTheFile() {
    String member = dags.get("meshlake_member.py");
    assertThat(member).contains("conn_id=SPARK_CONN_ID", "SPARK_CONN_ID = \"meshlake_spark\"",
        "{{ var.value.meshlake_job_jar }}", "{{ var.value.meshlake_warehouse }}",
        "{{ params.input or var.value.meshlake_input }}", "\"retries\": 2", "timedelta(seconds=300)");
    assertThat(member).doesNotContain("/data/", "/tmp/", "spark://");
  }

  @Test
  void everyTaskJudgesItsDataAsOfTheRunsLogicalDateAndGoldTasksHandItToConsumers() {
    String claims = dags.get("meshlake_claims.py");
    assertThat(claims).contains("\"--as-of\", \"{{ meshlake_as_of(dag_run, triggering_asset_events) }}\"",
        "user_defined_macros={\"meshlake_as_of\": as_of}", "return MeshlakeSubmit(",
        "context[\"outlet_events\"][asset].extra = {\"as_of\": when}");
    assertThat(claims.indexOf("def as_of(")).as("defined before the DAG uses it").isLessThan(claims.indexOf("with DAG("));
  }

  @Test
  void perLayerEachLayerIsOneTaskAfterTheLayersItReadsAndGoldPublishesEveryProduct() {
    DagOptions perLayer = new DagOptions("meshlake_spark", Optional.of("@daily"), LocalDate.of(2025, 1, 1), 2,
        Duration.ofMinutes(5), 1, TaskGrain.LAYER);
    String claims = new DagGenerator(PLANNER, perLayer).dag("claims");
    assertThat(claims).contains("\"bronze\": build(\"bronze\", [\"--layer\", \"bronze\"]",
            "\"silver\": build(\"silver\", [\"--layer\", \"silver\"]",
            "\"gold\": build(\"gold\", [\"--layer\", \"gold\"], \"The gold tables of claims: member_month_costs,"
                + " payer_pmpm.\", inlets=[ASSETS[\"member_gold.member_months\"]], outlets=[ASSETS[\"claims_gold.member_month_costs\"],"
                + " ASSETS[\"claims_gold.payer_pmpm\"]])",
            "[tasks[\"bronze\"]] >> tasks[\"silver\"]", "[tasks[\"silver\"]] >> tasks[\"gold\"]",
            "schedule=[ASSETS[\"member_gold.member_months\"]],")
        .doesNotContain("\", [\"--table\",", "inlets=[ASSETS[\"member_gold.member_months\"]], outlets=[]");
    assertThat(claims.lines().filter(l -> l.contains(": build("))).hasSize(3);
    assertThat(claims.lines().filter(l -> l.contains("outlets=["))).hasSize(1);
  }

  @Test
  void aLayerWithoutTablesHasNoTask() {
    DagOptions perLayer = new DagOptions("meshlake_spark", Optional.empty(), LocalDate.of(2025, 1, 1), 0, Duration.ZERO, 1,
        TaskGrain.LAYER);
    for (String domain : List.of("member", "claims", "clinical", "provider")) {
      List<String> layers = PLANNER.plan(Selection.domain(domain)).steps().stream().map(s -> s.id().layer().label())
          .distinct().toList();
      assertThat(new DagGenerator(PLANNER, perLayer).dag(domain).lines().filter(l -> l.contains(": build(")))
          .as(domain).hasSize(layers.size());
    }
  }

  @Test
  void withoutAScheduleDomainsRunOnlyWhenTriggered() {
    DagOptions manual = new DagOptions("meshlake_spark", Optional.empty(), LocalDate.of(2025, 1, 1), 0, Duration.ZERO, 2,
        TaskGrain.TABLE);
    assertThat(new DagGenerator(PLANNER, manual).dag("member")).contains("schedule=None,", "max_active_tasks=2,");
  }

  @Test
  void aConnectionIdThatCouldBreakThePythonIsRefused() {
    assertThatThrownBy(() -> new DagOptions("spark\"; import os", Optional.empty(), LocalDate.of(2025, 1, 1), 0,
        Duration.ZERO, 1, TaskGrain.TABLE)).hasMessageContaining("Invalid Spark connection id 'spark\"; import os'");
  }
}

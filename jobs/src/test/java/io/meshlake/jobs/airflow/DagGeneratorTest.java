package io.meshlake.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.plan.Step;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DAG files' shape; that Airflow imports them and runs them is AirflowIT's part. */
class DagGeneratorTest {
  private static final Planner PLANNER = Planner.of(Domains.discover());
  private static final DagOptions OPTIONS = new DagOptions("meshlake_spark", Optional.of("@daily"),
      LocalDate.of(2025, 1, 1), 2, Duration.ofMinutes(5), 1);

  private final Map<String, String> dags = new DagGenerator(PLANNER, OPTIONS).dags();

  @Test
  void oneDagPerDomainInTheOrderDomainsRun() {
    assertThat(dags.keySet()).containsExactly("meshlake_clinical.py", "meshlake_member.py", "meshlake_provider.py",
        "meshlake_claims.py");
  }

  @Test
  void everyTableIsATaskAfterTheTablesOfItsDomainThatItReads() {
    String claims = dags.get("meshlake_claims.py");
    for (Step step : PLANNER.plan(Selection.domain("claims")).steps()) {
      assertThat(claims).contains("\"" + step.id().name() + "\": build_table(\"" + step.id().name() + "\"");
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
  void withoutAScheduleDomainsRunOnlyWhenTriggered() {
    DagOptions manual = new DagOptions("meshlake_spark", Optional.empty(), LocalDate.of(2025, 1, 1), 0, Duration.ZERO, 2);
    assertThat(new DagGenerator(PLANNER, manual).dag("member")).contains("schedule=None,", "max_active_tasks=2,");
  }

  @Test
  void aConnectionIdThatCouldBreakThePythonIsRefused() {
    assertThatThrownBy(() -> new DagOptions("spark\"; import os", Optional.empty(), LocalDate.of(2025, 1, 1), 0,
        Duration.ZERO, 1)).hasMessageContaining("Invalid Spark connection id 'spark\"; import os'");
  }
}

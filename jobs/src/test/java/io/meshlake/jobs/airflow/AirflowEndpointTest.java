package io.meshlake.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AirflowEndpointTest {
  @Test
  void readsTheEnvironmentAndNeverShowsThePassword() {
    AirflowEndpoint endpoint = AirflowEndpoint.fromEnvironment(Map.of("MESHLAKE_AIRFLOW_URL", "http://airflow:8080/",
        "MESHLAKE_AIRFLOW_USERNAME", "ops", "MESHLAKE_AIRFLOW_PASSWORD", "s3cret"), null);
    assertThat(endpoint.url()).hasToString("http://airflow:8080");
    assertThat(endpoint.toString()).doesNotContain("s3cret").contains("ops");
  }

  @Test
  void missingSettingsNameTheVariablesToSet() {
    assertThatThrownBy(() -> AirflowEndpoint.fromEnvironment(Map.of(), null)).hasMessageContaining("MESHLAKE_AIRFLOW_URL");
    assertThatThrownBy(() -> AirflowEndpoint.fromEnvironment(Map.of("MESHLAKE_AIRFLOW_URL", "http://a:1"), null))
        .hasMessageContaining("MESHLAKE_AIRFLOW_USERNAME").hasMessageContaining("MESHLAKE_AIRFLOW_PASSWORD");
    assertThatThrownBy(() -> AirflowEndpoint.fromEnvironment(Map.of(), "airflow:8080"))
        .hasMessageContaining("Invalid Airflow URL 'airflow:8080'");
  }
}

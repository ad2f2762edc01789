package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits the cluster job jar with spark-submit to the Spark standalone cluster of the integration stack
 * (master and worker from the pyspark distribution, whose jars, Guava 14 among them, come first on
 * executors). The member and claims domains run on the same cluster in AirflowIT, submitted by Airflow.
 */
class SparkClusterIT extends SparkTestBase {
  @TempDir
  static Path work;

  @Test
  void theClinicalDomainParsesFhirWithHapiInsideExecutorsAndItsTimelineHoldsEveryEvent() throws IOException {
    Path extract = work.resolve("fhir");
    SyntheaFhirFixture.copy(SyntheaFhirFixture.NDJSON, extract);
    Path warehouse = work.resolve("warehouse");
    Path log = work.resolve("submit-clinical.log");
    String asOf = SyntheaFhirFixture.newestEncounterStart().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString();

    int status = IntegrationStack.sparkSubmit(log, List.of("--class", "io.meshlake.jobs.Meshlake",
        IntegrationStack.clusterJar().toString(), "run", "clinical", "--env", IntegrationStack.ENV,
        "--warehouse", warehouse.toString(), "--input", extract.toString(), "--as-of", asOf));

    assertThat(status).as("spark-submit run clinical; its log ends:%n%s", IntegrationStack.tail(log)).isZero();
    long events = 0;
    Set<String> patients = new HashSet<>();
    for (String type : SyntheaFhirFixture.CLINICAL_EVENTS) {
      for (JsonNode resource : SyntheaFhirFixture.resources(type)) {
        events++;
        patients.add((resource.has("subject") ? resource.at("/subject/reference") : resource.at("/patient/reference")).asText());
      }
    }
    Row timeline = sql("SELECT count(*), count(DISTINCT patient_id) FROM delta.`" + warehouse
        + "/clinical_gold/patient_timeline`").get(0);
    assertThat(timeline.getLong(0)).as("one timeline row per clinical event resource").isEqualTo(events);
    assertThat(timeline.getLong(1)).as("patients with events").isEqualTo(patients.size());
  }
}

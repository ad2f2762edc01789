package io.meshlake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.run.BuildStatus;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.run.RunResult;
import io.meshlake.run.Runner;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import io.meshlake.testing.TestGovernance;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silver tables declared as SQL on FHIR views ({@link Table#view}) over bronze FHIR tables. */
class FhirViewTableTest extends SparkTestBase {
  @TempDir
  Path extract;
  private Warehouse store;

  @BeforeEach
  void setUp() {
    store = Warehouse.delta(spark(), freshWarehouse());
  }

  private static DomainSpec domain() {
    return DomainSpec.builder("fhirtest")
        .ingestFhir("patients_raw", "Patient")
        .silver(Table.named("patients").fromNewRowsOf("patients_raw").view("views/patient.json").merge("patient_id"))
        .build();
  }

  private RunResult run() {
    return new Runner(store, new RunLog(store.delta()), TestGovernance.governor(store), line -> { }).run(
        Planner.of(List.of(domain())).plan(Selection.domain("fhirtest")),
        new RunOptions(extract.toString(), false, 1 << 20, Optional.empty()));
  }

  private static String patient(String id, String family, String version, String lastUpdated) {
    return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"" + version
        + "\",\"lastUpdated\":\"" + lastUpdated + "\"},\"name\":[{\"family\":\"" + family + "\"}],\"birthDate\":\"1970-01-0"
        + version + "\"}";
  }

  @Test
  void theViewGivesOneRowPerResourceFromItsLatestVersion() {
    write(extract.resolve("Patient.000.ndjson"), patient("p1", "Old", "1", "2024-01-01T00:00:00Z"),
        patient("p1", "New", "2", "2024-02-01T00:00:00Z"), patient("p2", "Other", "1", "2024-01-01T00:00:00Z"));
    assertThat(run().succeeded()).isTrue();
    assertThat(sql("SELECT patient_id, family, birth_date FROM fhirtest_silver.patients ORDER BY patient_id"))
        .extracting(Row::toString).containsExactly("[p1,New,1970-01-02]", "[p2,Other,1970-01-01]");

    write(extract.resolve("Patient.001.ndjson"), patient("p2", "Renamed", "2", "2024-03-01T00:00:00Z"));
    assertThat(run().succeeded()).isTrue();
    assertThat(sql("SELECT patient_id, family FROM fhirtest_silver.patients ORDER BY patient_id"))
        .extracting(Row::toString).containsExactly("[p1,New]", "[p2,Renamed]");
  }

  @Test
  void manyRepeatedResourcesAreJoinedWithTheirLatestVersionsInsteadOfBroadcast() {
    write(extract.resolve("Patient.000.ndjson"), patient("p1", "Old", "1", "2024-01-01T00:00:00Z"),
        patient("p1", "New", "2", "2024-02-01T00:00:00Z"), patient("p2", "Once", "1", "2024-01-01T00:00:00Z"),
        patient("p3", "Later", "2", "2024-03-01T00:00:00Z"), patient("p3", "Earlier", "1", "2024-01-01T00:00:00Z"));
    assertThat(run().succeeded()).isTrue();
    ViewTransform view = ViewTransform.load("fhirtest", "views/patient.json", "patients_raw");
    Dataset<Row> bronze = spark().table("fhirtest_bronze.patients_raw");

    for (int limit : new int[] {0, 1, 2}) { // p1 and p3 have two versions: joined, joined, broadcast
      assertThat(view.over(bronze, limit).select("patient_id", "family").orderBy("patient_id").collectAsList())
          .as("limit " + limit).extracting(Row::toString).containsExactly("[p1,New]", "[p2,Once]", "[p3,Later]");
    }
  }

  @Test
  void aSourceWithoutFilesIsAnEmptyTableSoItsViewsBuild() {
    RunResult result = run();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.builds()).extracting(b -> b.status()).containsExactly(BuildStatus.SUCCEEDED, BuildStatus.SUCCEEDED);
    assertThat(result.builds().get(0).message()).contains("created the table empty");
    assertThat(scalar("SELECT count(*) FROM fhirtest_silver.patients")).isEqualTo(0L);
    assertThat(run().builds()).extracting(b -> b.status()).containsOnly(BuildStatus.UP_TO_DATE);
  }

  @Test
  void aViewReadsExactlyOneBronzeTableAndMustExistAndBeValid() {
    assertThatThrownBy(() -> DomainSpec.builder("fhirtest")
        .silver(Table.named("patients").from("a_raw", "b_raw").view("views/patient.json").merge("patient_id")).build())
        .hasMessageContaining("fhirtest_silver.patients is a FHIR view, which reads one bronze FHIR table, but declares 2");
    assertThatThrownBy(() -> DomainSpec.builder("fhirtest")
        .silver(Table.named("patients").from("a_raw").view("views/missing.json").merge("patient_id")).build())
        .hasMessageContaining("meshlake/fhirtest/views/missing.json is not on the classpath")
        .hasMessageContaining("domains/fhirtest/src/main/resources/meshlake/fhirtest/views/missing.json");
    assertThatThrownBy(() -> DomainSpec.builder("fhirtest")
        .silver(Table.named("patients").from("a_raw").view("views/broken.json").merge("patient_id")).build())
        .hasMessageContaining("ViewDefinition meshlake/fhirtest/views/broken.json is invalid")
        .hasMessageContaining("patient id");
  }
}

package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.api.TableId;
import io.meshlake.ingest.CsvLayout;
import io.meshlake.ingest.FieldType;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product whose purpose needs consent (outreach) publishes only members who did not opt out, by the
 * consent table and by FHIR Consent resources; when decisions change, the next run publishes it again
 * even though its inputs did not change.
 */
class ConsentAtPublicationTest extends SparkTestBase {
  private static final CsvLayout PEOPLE = CsvLayout.builder("people", "people")
      .required("Id", FieldType.STRING)
      .required("NAME", FieldType.STRING)
      .build();
  private static final TableId CONTACTS = TableId.parse("outreach_gold.contact_list");
  private static final DomainSpec OUTREACH = DomainSpec.builder("outreach")
      .ingest("people_raw", PEOPLE)
      .silver(Table.named("people").fromNewRowsOf("people_raw")
          .transform(c -> c.input("people_raw").select(col("id").as("member_id"), col("name")))
          .merge("member_id"))
      .gold(Table.named("contact_list").from("people").transform(c -> c.input("people")).overwrite())
      .build();

  @TempDir
  Path work;

  @Test
  void membersWithoutConsentAreLeftOutBeforeTheGateAndComeBackWhenTheyConsent() throws Exception {
    Warehouse store = Warehouse.delta(spark(), freshWarehouse());
    Path extract = Files.createDirectories(work.resolve("extract"));
    write(extract.resolve("people.csv"), "Id,NAME", "m1,Ann", "m2,Bob", "m3,Cid", "m4,Dee");
    Path policies = Files.createDirectories(work.resolve("policies"));
    Files.writeString(policies.resolve("consent.yaml"), """
        model: opt_out
        purposes:
          - {name: treatment, consent: false, description: care}
          - {name: payment, consent: false, description: payment}
          - {name: operations, consent: false, description: operations}
          - {name: research, consent: true, description: research}
          - {name: outreach, consent: true, description: contacting members}
        sources:
          - {table: meshlake_platform.consents, format: decisions}
          - {table: outreach_bronze.consent_resources, format: fhir}
        """);
    String decisions = store.delta().location(RunLog.NAMESPACE, "consents");
    spark().createDataFrame(List.of(
            RowFactory.create("m2", "outreach", "deny", null, null, Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"))),
            RowFactory.create("m4", "research", "deny", null, null, Timestamp.from(Instant.parse("2025-01-01T00:00:00Z")))),
        ConsentFilter.CONSENT_SCHEMA).write().format("delta").save(decisions);
    String fhirConsent = """
        {"resourceType":"Consent","id":"c3","status":"active","patient":{"reference":"Patient/m3"},\
        "dateTime":"2025-02-01T00:00:00Z","provision":{"type":"deny","purpose":[{"code":"outreach"}]}}""";
    spark().createDataFrame(List.<Row>of(RowFactory.create(fhirConsent)),
            DataTypes.createStructType(List.of(DataTypes.createStructField("resource", DataTypes.StringType, false))))
        .write().format("delta").save(store.delta().location("outreach_bronze", "consent_resources"));
    Governor governor = TestGovernance.governor(store, Optional.of(policies));

    RunResult first = run(store, governor, extract);

    assertThat(first.succeeded()).as(first.summary()).isTrue();
    assertThat(members(store.location(CONTACTS))).as("m2 denied outreach, m3 by a FHIR Consent; m4 only research")
        .containsExactlyInAnyOrder("m1", "m4");
    assertThat(pseudonymised(store, governor)).hasSize(2);

    spark().createDataFrame(List.of(
            RowFactory.create("m2", null, "permit", null, null, Timestamp.from(Instant.parse("2025-06-01T00:00:00Z")))),
        ConsentFilter.CONSENT_SCHEMA).write().format("delta").mode("append").save(decisions);

    RunResult second = run(store, governor, extract);

    assertThat(second.builds().stream().filter(b -> b.table().equals(CONTACTS)).findFirst().orElseThrow().status())
        .as("published again although its input did not change").isEqualTo(BuildStatus.SUCCEEDED);
    assertThat(members(store.location(CONTACTS))).containsExactlyInAnyOrder("m1", "m2", "m4");
    assertThat(pseudonymised(store, governor)).hasSize(3);
    assertThat(run(store, governor, extract).committedAnything()).as("nothing changed since").isFalse();
  }

  private static RunResult run(Warehouse store, Governor governor, Path extract) {
    return new Runner(store, new RunLog(store.delta()), governor, line -> { }).run(
        Planner.of(List.of(OUTREACH)).plan(Selection.domain("outreach")),
        new RunOptions(extract.toString(), false, 1024, Optional.empty()));
  }

  private static Set<String> members(String location) {
    return sql("SELECT member_id FROM delta.`" + location + "`").stream().map(r -> r.getString(0))
        .collect(Collectors.toSet());
  }

  /** The member ids an analyst sees, through the analyst's view ({@code sql --as analyst}). */
  private static Set<String> pseudonymised(Warehouse store, Governor governor) {
    Set<String> members = TestGovernance.asClass(store, governor, "analyst", OUTREACH, "SELECT member_id FROM "
        + CONTACTS.qualifiedName()).stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    assertThat(members).allMatch(m -> m.startsWith("test:"));
    return members;
  }
}

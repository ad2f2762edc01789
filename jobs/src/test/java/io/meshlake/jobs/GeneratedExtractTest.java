package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.jobs.generate.GenerationReport;
import io.meshlake.jobs.generate.GeneratorOptions;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator and the ingest agree: every row the generator wrote malformed is quarantined, every
 * other row is ingested, file by file; and the CLI explains itself.
 */
class GeneratedExtractTest extends SparkTestBase {
  @TempDir
  Path work;

  @Test
  void everyMalformedRowIsQuarantinedAndEveryOtherRowIngested() throws IOException {
    Path extract = work.resolve("extract");
    GenerationReport report = SyntheaCsvGenerator.generate(GeneratorOptions.of(40, extract).withSeed(7).withBadFraction(0.03));
    assertThat(report.totalMalformed()).isPositive();
    String warehouse = freshWarehouse();

    assertThat(Meshlake.execute("run", "member", "--as-of", "2026-01-01", "--input", extract.toString(), "--warehouse", warehouse)).isZero();
    // Bronze takes every good row; the gate then refuses to publish member_month_costs from this extract.
    Cli.Result claims = Cli.run("run", "claims", "--as-of", "2026-01-01", "--input", extract.toString(), "--warehouse", warehouse);
    GenerationReport.FileReport lines = report.files().get("claims_transactions.csv");
    assertThat(claims.status()).isEqualTo(1);
    assertThat(claims.all()).contains(String.format("claim_lines_valid: %d of %d extract line(s) valid",
        lines.rows() - lines.malformedRows(), lines.rows())).contains("member_known: measured");

    Map<String, String> tables = Map.of("patients.csv", "member_bronze.patients_raw",
        "payer_transitions.csv", "member_bronze.payer_transitions_raw", "claims.csv", "claims_bronze.claims_raw",
        "claims_transactions.csv", "claims_bronze.claims_transactions_raw");
    tables.forEach((file, table) -> {
      GenerationReport.FileReport written = report.files().get(file);
      long quarantined = written.malformedRows() == 0 ? 0 : (Long) scalar("SELECT count(*) FROM " + table + "_quarantine");
      assertThat(quarantined).as("quarantined rows of %s", file).isEqualTo(written.malformedRows());
      assertThat(scalar("SELECT count(*) FROM " + table)).as("ingested rows of %s", file)
          .isEqualTo(written.rows() - written.malformedRows());
    });
  }

  @Test
  void planShowsTheEdgeToTheMemberDomainWithoutStartingSpark() {
    String out = run(0, "plan", "claims").out();
    assertThat(out).contains("<- member_gold.member_months  [published by domain member]")
        .contains("claims_gold.payer_pmpm").contains("merge on line_id");
  }

  @Test
  void mistakesGetAClearMessageAndExitCode2() {
    String err = run(2, "plan", "billing").err();
    assertThat(err).contains("Unknown domain 'billing'").contains("Known domains: claims, clinical, member, provider");
    err = run(2, "plan", "claims", "--layer", "platinum").err();
    assertThat(err).contains("Unknown layer 'platinum'").contains("bronze, silver, gold");
    String warehouse = freshWarehouse();
    err = run(2, "sql", "--warehouse", warehouse, "SELECT * FROM nope.x").err();
    assertThat(err).contains("nope").contains("SHOW TABLES IN");
  }

  private static Cli.Result run(int expectedStatus, String... args) {
    Cli.Result result = Cli.run(args);
    assertThat(result.status()).as(result.all()).isEqualTo(expectedStatus);
    return result;
  }
}

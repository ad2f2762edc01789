package io.meshlake.jobs;

import io.meshlake.Platform;
import io.meshlake.governance.ConsumerSession;
import io.meshlake.jobs.generate.FhirBulkGenerator;
import io.meshlake.jobs.generate.GeneratorOptions;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.run.RunResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshlake demo}: generates a small sample, runs every domain, and shows the products. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a small sample extract (with a few malformed rows): Synthea-style CSV for every member and,"
        + " for the first of them, their EHR records as FHIR R4 Bulk NDJSON in the same folder. Run every domain on it in dependency"
        + " order (a domain after those whose products it reads), print each run's summary and a few rows of the gold products.",
        "Run it twice: the second run finds nothing new and commits nothing."},
    footer = {"", "Afterwards, query the products (as the platform team, then as an analyst) and check the audit log:",
        "  ./meshlake sql --warehouse demo/warehouse \"SELECT * FROM claims_gold.payer_pmpm LIMIT 5\"",
        "  ./meshlake sql --as analyst --warehouse demo/warehouse \"SELECT * FROM member_gold.members LIMIT 5\"",
        "  ./meshlake audit verify --warehouse demo/warehouse",
        "",
        "Pseudonyms need a key: with neither MESHLAKE_PSEUDONYM_KEY nor MESHLAKE_PSEUDONYM_KEY_FILE set, the demo"
            + " creates a development key in ~/.meshlake/dev-pseudonym.key (outside the repository, mode 600; not"
            + " for real data) and says so."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--members", defaultValue = "200", paramLabel = "N", description = "Members to generate (default ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--fhir-members", defaultValue = "40", paramLabel = "N",
      description = "Members whose records are also written as FHIR (clinical, provider and FHIR claims; default ${DEFAULT-VALUE}).")
  int fhirMembers;

  @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR",
      description = "Working folder: the extract goes to DIR/extract, tables to DIR/warehouse (default ${DEFAULT-VALUE}).")
  Path dir;

  @Mixin
  PlatformOptions platform;

  @Override
  public Integer call() throws Exception {
    Path extract = dir.resolve("extract");
    Console.progress("Generating " + members + " members into " + extract);
    System.out.println(SyntheaCsvGenerator.generate(
        GeneratorOptions.of(members, extract).withBadFraction(0.0005)).summary());
    Console.progress("Generating the first " + fhirMembers + " of them as FHIR R4 NDJSON into " + extract);
    System.out.println(FhirBulkGenerator.generate(
        GeneratorOptions.of(Math.min(fhirMembers, members), extract).withBadFraction(0.0005)).summary());
    Instant asOf = SyntheaCsvGenerator.extractDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    Console.progress("The extract's logical date is " + SyntheaCsvGenerator.extractDate()
        + ": runs judge freshness against it (--as-of)");
    if (platform.warehouse == null) {
      platform.warehouse = dir.resolve("warehouse").toString();
    }
    Planner planner = Planner.of(Domains.discover());
    boolean ok = true;
    Platform running = platform.start();
    Console.progress("Pseudonyms in governed tables use key '" + running.governor().keyId() + "' (its secret is never"
        + " printed)");
    for (String domain : planner.domainOrder()) {
      RunResult result = running.run(planner.plan(Selection.domain(domain)), extract.toString(), false,
          Optional.of(asOf));
      System.out.print(result.summary());
      ok &= result.succeeded();
    }
    running.attachCatalog();
    show(running, "Gold: member_gold.member_months (a few rows)", "member_gold.member_months",
        "SELECT * FROM member_gold.member_months ORDER BY member_id, coverage_month LIMIT 5");
    show(running, "Gold: claims_gold.member_month_costs (the costliest member months)", "claims_gold.member_month_costs",
        "SELECT * FROM claims_gold.member_month_costs ORDER BY charges DESC LIMIT 5");
    show(running, "Gold: claims_gold.payer_pmpm (latest months with paid claims)", "claims_gold.payer_pmpm",
        "SELECT * FROM claims_gold.payer_pmpm WHERE amount_paid > 0 ORDER BY month DESC, payer_id LIMIT 5");
    show(running, "Gold: clinical_gold.patient_timeline (the latest events)", "clinical_gold.patient_timeline",
        "SELECT patient_id, event_seq, event_at, event_kind, code, display, value, unit FROM clinical_gold.patient_timeline"
            + " ORDER BY event_at DESC NULLS LAST LIMIT 5");
    show(running, "Gold: provider_gold.provider_directory (a few providers)", "provider_gold.provider_directory",
        "SELECT provider_id, npi, name, specialty, organization_name, city, source FROM provider_gold.provider_directory"
            + " ORDER BY provider_id LIMIT 5");
    show(running, "Quarantine: claims_bronze.claims_transactions_raw_quarantine (malformed rows and why)",
        "claims_bronze.claims_transactions_raw_quarantine",
        "SELECT line_number, reason, substr(raw_line, 1, 60) AS raw_line FROM claims_bronze.claims_transactions_raw_quarantine"
            + " ORDER BY line_number LIMIT 5");
    if (running.store().exists(io.meshlake.api.TableId.parse("member_gold.members"))) {
      System.out.println("\nGoverned: what an analyst sees of member_gold.members (./meshlake sql --as analyst)");
      try (ConsumerSession analyst = ConsumerSession.open(running.store(), running.governor(), "analyst",
          SqlCommand.goldProducts(), Console::progress)) {
        System.out.println(analyst.query("SELECT * FROM member_gold.members LIMIT 5").showString(5, 60, false));
      }
    }
    System.out.println("Query the products with: ./meshlake sql --warehouse " + platform.warehouse + " \"SELECT ...\"");
    System.out.println("As a consumer class:     ./meshlake sql --as analyst --warehouse " + platform.warehouse
        + " \"SELECT ...\"   (classes: clinical, analyst, researcher)");
    System.out.println("Audit log:               ./meshlake audit verify --warehouse " + platform.warehouse);
    return ok ? 0 : 1;
  }

  private static void show(Platform platform, String title, String table, String query) {
    if (!platform.spark().catalog().tableExists(table)) {
      return;
    }
    System.out.println("\n" + title);
    System.out.println(platform.spark().sql(query).showString(5, 60, false));
  }
}

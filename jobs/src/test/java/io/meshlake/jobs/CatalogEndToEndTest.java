package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.meshlake.api.DomainSpec;
import io.meshlake.plan.Domains;
import io.meshlake.table.TableFormat;
import io.meshlake.testing.SparkTestBase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.iceberg.spark.Spark3Util;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog of the shipped domains after three runs of the 27-patient Synthea sample, the second of
 * which fails member_gold.enrollment's gate: list, show, search, the ODCS export (validated against the
 * standard's JSON Schema) and the static site (opened in headless Chromium). Expected values come from
 * the platform tables, the contract files, the sample and each table format's own API, not from the catalog's code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogEndToEndTest extends SparkTestBase {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/synthea-csv-27-patients");
  private static final Path CONTRACTS = Path.of("..", "domains");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  @TempDir
  static Path work;
  static String warehouse;
  /** The arguments that choose the environment of every command (see {@link #productFormat()}). */
  static List<String> environment;

  /**
   * The format of every gold product in this test's runs (the local environment with {@code formats.default}
   * set); empty for the local environment as it is.
   */
  Optional<TableFormat> productFormat() {
    return Optional.empty();
  }

  @BeforeAll
  void runTheSampleThreeTimesWithOneFailedGate() throws IOException {
    environment = ProductFormatEnvironment.arguments(productFormat(), work);
    warehouse = freshWarehouse();
    Path extract = Files.createDirectories(work.resolve("extract"));
    for (String f : List.of("patients", "payer_transitions", "claims", "claims_transactions")) {
      Files.copy(FIXTURE.resolve(f + ".csv"), extract.resolve(f + ".csv"));
    }
    assertThat(run("member", extract).status()).isZero();
    assertThat(run("claims", extract).status()).isZero();
    // A coverage span whose ownership is outside the value set fails enrollment's ownership_known (validity) ...
    Path span = extract.resolve("payer_transitions.fix.csv");
    String header = "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER,SECONDARY_PAYER,OWNERSHIP,OWNERNAME\n";
    String line = "3edac2e3-d223-6fae-d515-daf96ef6bc76,m-9,2024-06-01T00:00:00Z,2024-08-01T00:00:00Z,"
        + "6e2f1a2d-27bd-3701-8d08-dae202c58632,,";
    Files.writeString(span, header + line + "Cousin,\n");
    assertThat(run("member", extract).status()).isEqualTo(1);
    // ... and the corrected file under the same name passes it again.
    Files.writeString(span, header + line + "Self,\n");
    assertThat(run("member", extract).status()).isZero();
  }

  private static Cli.Result run(String domain, Path extract) {
    return cli("run", domain, "--as-of", RawCsv.sampleAsOf(FIXTURE, domain).toString(), "--input", extract.toString());
  }

  static Cli.Result catalog(String... args) {
    List<String> all = new ArrayList<>(List.of("catalog"));
    all.addAll(List.of(args));
    return cli(all.toArray(String[]::new));
  }

  /** Runs {@code meshlake <args>} on the test's warehouse in the test's environment. */
  private static Cli.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--warehouse", warehouse));
    all.addAll(environment);
    return Cli.run(all.toArray(String[]::new));
  }

  private boolean icebergProducts() {
    return productFormat().equals(Optional.of(TableFormat.ICEBERG));
  }

  /**
   * Where member_gold.enrollment's table is, as its format says: the Delta table's folder in the warehouse, or
   * the location Iceberg's own API gives the Iceberg table.
   */
  private String enrollmentLocation() throws Exception {
    return icebergProducts()
        ? Spark3Util.loadIcebergTable(spark(), "iceberg.member_gold.enrollment").location()
        : "file:" + warehouse + "/member_gold/enrollment";
  }

  /** The products whose contract file mentions the text (any case): what search and the site's filter should find. */
  static Set<String> contractsMentioning(String text) throws IOException {
    Set<String> products = new TreeSet<>();
    try (Stream<Path> files = Files.walk(CONTRACTS)) {
      for (Path file : files.filter(f -> f.toString().contains("/contracts/") && f.toString().endsWith(".yaml")
          && !f.toString().contains("/target/")).toList()) {
        if (Files.readString(file).toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) {
          String domain = file.getParent().getParent().getFileName().toString();
          products.add(domain + "_gold." + file.getFileName().toString().replace(".yaml", ""));
        }
      }
    }
    return products;
  }

  @Test
  void showSaysWhenTheProductWasPublishedHowItsGatesWentAndWhereItsDataComesFrom() throws Exception {
    Cli.Result shown = catalog("show", "enrollment");

    assertThat(shown.status()).as(shown.all()).isZero();
    Object published = scalar("SELECT max(ended_at) FROM delta.`" + warehouse
        + "/meshlake_platform/run_log` WHERE table_name = 'member_gold.enrollment' AND status = 'SUCCEEDED'");
    long version = ProductFormatEnvironment.recordedVersion(spark(), warehouse, "member_gold.enrollment");
    assertThat(shown.out())
        .contains("member_gold.enrollment  v1.0.0")
        .contains("member-data-team@meshlake.example")
        .contains("last published " + MINUTE.format(published instanceof Timestamp t ? t.toInstant() : (java.time.Instant) published) + ", table version " + version)
        .contains((icebergProducts() ? "iceberg" : "delta") + " at " + enrollmentLocation())
        .contains("published (run ")
        // validity: met in runs 1 and 3, missed in run 2 (the failed gate)
        .containsPattern("met in 66\\.7% of 3 run\\(s\\)\\s+\\+-\\+")
        .containsPattern("ownership\\s+string\\s+")
        .containsPattern("Consumer classes\\s+clinical, analyst, researcher"); // conf/governance/consumer-classes.yaml
    assertThat(catalog("show", "claims_gold.payer_pmpm").out())
        .containsPattern("Upstream products\\s+member_gold.member_months")
        .containsPattern("Downstream products\\s+none");
    assertThat(catalog("show", "member_months").out()).containsPattern("Downstream products\\s+claims_gold.payer_pmpm");
  }

  @Test
  void anUnknownProductSaysWhichExist() throws IOException {
    Cli.Result unknown = catalog("show", "pmpm");

    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("No data product 'pmpm'. The products are: ");
    for (String product : contractsMentioning("product:")) {
      assertThat(unknown.err()).contains(product);
    }
  }

  @Test
  void listShowsEveryProductWithItsLatestGate() throws IOException {
    Cli.Result listed = catalog("list");

    assertThat(listed.status()).isZero();
    for (String product : contractsMentioning("product:")) {
      assertThat(listed.out()).contains(product);
    }
    assertThat(listed.out()).contains(contractsMentioning("product:").size() + " data product(s) in "
            + Domains.discover().size() + " domain(s); runs from " + warehouse)
        .contains("SLOs validity 67%");
  }

  @Test
  void searchFindsTheProductsWhoseContractsMentionTheText() throws IOException {
    Cli.Result found = catalog("search", "member_months");

    assertThat(found.status()).isZero();
    Set<String> listed = new HashSet<>();
    Matcher m = Pattern.compile("(?m)^  (\\w+_gold\\.\\w+)\\s+in ").matcher(found.out());
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(listed).isEqualTo(contractsMentioning("member_months"));
    assertThat(catalog("search", "no such words").status()).isEqualTo(1);
  }

  @Test
  void everyContractExportsAsAnOdcsDocumentTheStandardsSchemaAccepts() throws IOException {
    Path out = work.resolve("odcs");
    assertThat(catalog("export", "--format", "odcs", "--out", out.toString()).status()).isZero();

    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/odcs/odcs-json-schema-v3.0.2.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Path> documents;
    try (Stream<Path> files = Files.list(out)) {
      documents = files.sorted().toList();
    }
    assertThat(documents).extracting(p -> p.getFileName().toString().replace(".odcs.yaml", ""))
        .containsExactlyInAnyOrderElementsOf(contractsMentioning("product:"));
    for (Path document : documents) {
      JsonNode doc = yaml.readTree(document.toFile());
      Set<ValidationMessage> problems = schema.validate(doc);
      assertThat(problems).as(document + " against the ODCS v3.0.2 schema").isEmpty();
    }
    JsonNode members = yaml.readTree(out.resolve("member_gold.members.odcs.yaml").toFile());
    assertThat(members.at("/apiVersion").asText()).isEqualTo("v3.0.2");
    assertThat(members.at("/kind").asText()).isEqualTo("DataContract");
    assertThat(members.at("/team/0/username").asText()).isEqualTo("member-data-team@meshlake.example");
    JsonNode id = members.at("/schema/0/properties/0");
    assertThat(id.at("/name").asText()).isEqualTo("member_id");
    assertThat(id.at("/required").asBoolean()).isTrue();
    assertThat(id.at("/primaryKey").asBoolean()).isTrue();
    assertThat(id.at("/classification").asText()).isEqualTo("phi");
    assertThat(members.at("/schema/0/quality").findValuesAsText("name")).contains("few_duplicate_members", "gender_coded");
  }

  @Test
  void theSiteShowsProductsLineageAndSloAttainmentInABrowser() throws Exception {
    Chromium.assumeInstalled();
    Path site = work.resolve("site");
    Cli.Result written = catalog("site", "--out", site.toString());
    assertThat(written.status()).as(written.all()).isZero();

    String index = Chromium.dumpDom(site.resolve("index.html").toUri() + "?q=payer");
    long tables = Domains.discover().stream().mapToLong((DomainSpec d) -> d.tables().size()).sum();
    assertThat(Pattern.compile("<g class=\"node ").matcher(index).results().count()).isEqualTo(tables);
    Set<String> products = contractsMentioning("product:");
    assertThat(index).contains("<td>member</td><td>" + products.stream().filter(p -> p.startsWith("member_gold.")).count()
        + "</td>").contains("<td>claims</td><td>" + products.stream().filter(p -> p.startsWith("claims_gold.")).count()
        + "</td>");
    int expected = contractsMentioning("payer").size();
    assertThat(index).contains(expected + " of " + products.size() + " products");
    assertThat(Pattern.compile("<tr class=\"product\"[^>]*>").matcher(index).results()
        .filter(r -> !r.group().contains("hidden")).count()).isEqualTo(expected);

    Path enrollment = site.resolve("products/member_gold.enrollment.html");
    String page = Chromium.dumpDom(enrollment.toUri().toString());
    assertThat(page).contains("<span class=\"badge phi\">phi</span>").contains("ownership_known")
        .contains("validity 66.7%").contains("table at <code>" + enrollmentLocation() + "</code>");
    assertThat(Pattern.compile("<circle class=\"missed\"").matcher(page).results().count()).isEqualTo(1);

    // Per test class: the Iceberg variant may run at the same time in another test JVM.
    Path shots = Path.of("target", "catalog-site", getClass().getSimpleName());
    Path png = shots.resolve("member_gold.enrollment.png");
    Chromium.screenshot(enrollment.toUri().toString(), png, 1280, 2000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    boolean missedDot = false;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        missedDot |= rgb == 0xc62828;
      }
    }
    assertThat(colours.size()).as("a rendered page, not a blank one").isGreaterThan(50);
    assertThat(missedDot).as("the red dot of the missed validity run is drawn").isTrue();
    Chromium.screenshot(site.resolve("index.html").toUri().toString(), shots.resolve("index.png"),
        1400, 1400);
  }
}

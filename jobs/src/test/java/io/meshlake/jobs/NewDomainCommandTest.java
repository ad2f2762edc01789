package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.DomainSpec;
import io.meshlake.plan.Domains;
import io.meshlake.testing.SparkTestBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.w3c.dom.NodeList;

/**
 * {@code new-domain} on a copy of the project's build files: the scaffolded module is wired into the
 * build, compiles against the platform, passes {@code validate}, plans, runs on its sample extract (gold
 * rows checked against a separate reading of the sample), appears in the catalog, and its own test passes.
 */
class NewDomainCommandTest extends SparkTestBase {
  @TempDir
  Path project;

  @BeforeEach
  void copyTheBuildFiles() throws IOException {
    for (String file : List.of("pom.xml", "domains/pom.xml", "jobs/pom.xml")) {
      Files.createDirectories(project.resolve(file).getParent());
      Files.copy(Path.of("..").resolve(file), project.resolve(file));
    }
    Files.createDirectories(project.resolve("quality-rules"));
  }

  private Cli.Result newDomain(String... args) {
    List<String> all = new ArrayList<>(List.of("new-domain"));
    all.addAll(List.of(args));
    all.addAll(List.of("--project", project.toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void refusesANameThatIsNotSnakeCaseIsAKeywordOrExistsAndWritesNothing() throws IOException {
    String domainsPom = Files.readString(project.resolve("domains/pom.xml"));

    Cli.Result camel = newDomain("HomeCare");
    Cli.Result keyword = newDomain("class");
    Cli.Result existing = newDomain("member");

    assertThat(camel.status()).isEqualTo(2);
    assertThat(camel.err()).contains("Invalid domain name 'HomeCare': use snake_case").contains("e.g. home_care");
    assertThat(keyword.err()).contains("it is a Java keyword");
    assertThat(existing.err()).contains("Domain 'member' already exists").contains("Known domains: member");
    assertThat(Files.readString(project.resolve("domains/pom.xml"))).isEqualTo(domainsPom);
    try (Stream<Path> files = Files.list(project.resolve("domains"))) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("pom.xml");
    }
  }

  @Test
  void scaffoldsADomainThatValidatesRunsAppearsInTheCatalogAndPassesItsOwnTest() throws Exception {
    List<DomainSpec> before = Domains.discover();
    long productsBefore = before.stream().flatMap(d -> d.tables().stream())
        .filter(t -> t instanceof DerivedTable d && d.contract().isPresent()).count();

    Cli.Result created = newDomain("pharmacy", "--owner", "pharmacy-team@example.org");

    assertThat(created.status()).as(created.all()).isZero();
    assertThat(xmlValues("domains/pom.xml", "module")).endsWith("pharmacy")
        .containsAll(before.stream().map(DomainSpec::name).toList());
    assertThat(xmlValues("jobs/pom.xml", "artifactId")).contains("meshlake-domain-pharmacy", "meshlake-domain-member");
    Path module = project.resolve("domains/pharmacy");
    Path classes = compile(module.resolve("src/main/java"), module.resolve("src/test/java"));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(),
        module.resolve("src/main/resources").toUri().toURL(), module.resolve("src/test/resources").toUri().toURL(),
        project.toUri().toURL()}, Thread.currentThread().getContextClassLoader())) {
      withContextLoader(loader, () -> {
        Cli.Result validated = Cli.run("validate");
        assertThat(validated.out()).as(validated.all()).startsWith("OK: " + (before.size() + 1) + " domain(s), "
            + (productsBefore + 1) + " gold product(s) with contracts");
        assertThat(Cli.run("plan", "pharmacy").out()).contains("pharmacy_gold.member_month_events");

        String warehouse = freshWarehouse();
        Path sample = module.resolve("src/test/resources/pharmacy/extract");
        Cli.Result ran = Cli.run("run", "pharmacy", "--input", sample.toString(), "--warehouse", warehouse);
        assertThat(ran.status()).as(ran.all()).isZero();
        assertThat(sql("SELECT * FROM delta.`" + warehouse + "/pharmacy_gold/member_month_events` ORDER BY member_id,"
            + " month").stream().map(Object::toString).toList())
            .isEqualTo(expectedMemberMonths(sample.resolve("pharmacy_events.csv")));

        Cli.Result shown = Cli.run("catalog", "show", "member_month_events", "--warehouse", warehouse);
        assertThat(shown.out()).as(shown.all()).contains("pharmacy_gold.member_month_events  v0.1.0")
            .contains("pharmacy-team@example.org").contains("published (run ").contains("amount_not_negative");

        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
            .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                loader.loadClass("io.meshlake.domains.pharmacy.PharmacyDomainTest"))).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        return null;
      });
    }
  }

  /**
   * The gold rows, read from the sample by hand: lines whose date parses, the last line of each event
   * id, then per member and month the count and the sum of amounts.
   */
  private static List<String> expectedMemberMonths(Path csv) throws IOException {
    Map<String, String[]> events = new LinkedHashMap<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] cells = line.split(",", -1);
      try {
        LocalDate.parse(cells[2]);
        events.put(cells[0], cells);
      } catch (DateTimeParseException malformed) {
        // quarantined
      }
    }
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> amounts = new TreeMap<>();
    for (String[] e : events.values()) {
      String key = e[1] + "," + LocalDate.parse(e[2]).withDayOfMonth(1);
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      amounts.merge(key, e[4].isEmpty() ? new BigDecimal("0.00") : new BigDecimal(e[4]), BigDecimal::add);
    }
    return counts.keySet().stream().map(k -> "[" + k + "," + counts.get(k)[0] + "," + amounts.get(k) + "]").toList();
  }

  private List<String> xmlValues(String pom, String tag) throws Exception {
    NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.resolve(pom).toFile())
        .getElementsByTagName(tag);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent().trim());
    }
    return values;
  }

  /** Compiles the Java files under the folders against this test's classpath (the platform and its test base). */
  private Path compile(Path... sources) throws IOException {
    List<String> files = new ArrayList<>();
    for (Path folder : sources) {
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
      }
    }
    Path classes = Files.createDirectories(project.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-Xlint:all,-path", "-Werror",
        "-classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(String[]::new));
    assertThat(status).as("javac: " + errors).isZero();
    return classes;
  }

  private static void withContextLoader(ClassLoader loader, Callable<Void> body) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      body.call();
    } finally {
      thread.setContextClassLoader(original);
    }
  }
}

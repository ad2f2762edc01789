package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.config.Environment;
import io.meshlake.governance.GoldGuard;
import io.meshlake.spark.IcebergSettings;
import io.meshlake.spark.Sessions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg JDBC catalog on the integration stack's PostgreSQL: a meshlake session writes an Iceberg table
 * through it, PostgreSQL's catalog table records the table's current metadata, and a second meshlake process
 * with its own warehouse finds the table and its rows through the same catalog; the catalog refuses gold tables
 * outside a publication (the gold guard). Runs in a JVM of its own (jobs/pom.xml): its session has the JDBC
 * catalog, unlike the other ITs' shared session.
 */
class IcebergJdbcCatalogIT {
  /** The table's rows before and after the MERGE: visit_id → cost. */
  private static final Map<Long, Integer> APPENDED = Map.of(1L, 10, 2L, 20, 3L, 30);
  private static final Map<Long, Integer> MERGED = Map.of(2L, 25, 4L, 40);

  @TempDir
  static Path work;

  static String url;
  static String user;
  static String password;
  /** A namespace of its own per run: the stack's catalog outlives the test's temporary warehouse. */
  static String namespace;

  @BeforeAll
  static void stack() {
    url = IntegrationStack.env("MESHLAKE_IT_PG_URL");
    user = IntegrationStack.env("MESHLAKE_IT_PG_USER");
    password = IntegrationStack.env(IcebergSettings.PASSWORD_VARIABLE);
    namespace = "jdbc_it_" + Long.toHexString(System.currentTimeMillis());
  }

  /** This JVM's meshlake session, with the stack's JDBC catalog and its warehouse in the test's folder. */
  private static SparkSession session() {
    Environment environment = new Environment("it", work.resolve("warehouse").toString(), "unused",
        new Environment.SparkSettings("local[2]", localSpark()), new Environment.IngestSettings(64))
        .withIceberg(new IcebergSettings(IcebergSettings.Catalog.JDBC, url, user, null));
    return Sessions.start(environment, Map.of());
  }

  @Test
  void twoProcessesShareTheTablesOfOneCatalogInPostgresql() throws Exception {
    String table = "iceberg." + namespace + ".visits";
    SparkSession spark = session();

    spark.sql("CREATE NAMESPACE iceberg." + namespace);
    spark.sql("CREATE TABLE " + table + " (visit_id BIGINT, cost INT) USING iceberg");
    spark.sql("INSERT INTO " + table + " VALUES " + values(APPENDED));
    long appended = Spark3Util.loadIcebergTable(spark, table).currentSnapshot().snapshotId();
    spark.sql("MERGE INTO " + table + " t USING (SELECT * FROM VALUES " + values(MERGED) + " AS v(visit_id, cost)) s"
        + " ON t.visit_id = s.visit_id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");

    Map<Long, Integer> expected = new TreeMap<>(APPENDED);
    expected.putAll(MERGED);
    assertThat(rows(spark, "SELECT * FROM " + table)).isEqualTo(lines(expected));
    assertThat(rows(spark, "SELECT * FROM " + table + " VERSION AS OF " + appended)).isEqualTo(lines(APPENDED));

    Table iceberg = Spark3Util.loadIcebergTable(spark, table);
    String metadata = ((HasTableOperations) iceberg).operations().current().metadataFileLocation();
    assertThat(metadata).startsWith(work.resolve("warehouse").toAbsolutePath() + "/_iceberg/" + namespace + "/visits/");
    assertThat(catalogRows(namespace)).as("PostgreSQL's iceberg_tables rows").isEqualTo(Map.of("visits", metadata));

    // Another engine: a meshlake process with a warehouse of its own finds the table through PostgreSQL alone.
    Path otherEnvironment = environmentFile(work.resolve("other-warehouse"));
    Result other = meshlake(password, "sql", "--env-file", otherEnvironment.toString(), "--format", "csv",
        "SELECT visit_id, cost FROM " + table + " ORDER BY visit_id");

    assertThat(other.status()).as("meshlake sql in a second process:%n%s", other.output()).isZero();
    List<String> csv = new ArrayList<>(List.of("visit_id,cost"));
    expected.forEach((id, cost) -> csv.add(id + "," + cost));
    assertThat(other.output().lines().filter(line -> line.matches("visit_id,cost|\\d+,\\d+")).toList()).isEqualTo(csv);
  }

  /**
   * The gold guard on the JDBC catalog: outside a publication no table of a gold namespace is created — not even
   * with its files elsewhere — and no table is renamed into one, so PostgreSQL's catalog table gets no row for it.
   */
  @Test
  void noTableOfAGoldNamespaceIsCreatedOrRenamedIntoOneOutsideAPublication() throws Exception {
    SparkSession spark = session();
    String gold = namespace + "_gold";
    String silver = namespace + "_silver";
    String product = "iceberg." + gold + ".payer_pmpm";
    spark.sql("CREATE NAMESPACE iceberg." + gold);
    spark.sql("CREATE NAMESPACE iceberg." + silver);
    spark.sql("CREATE TABLE iceberg." + silver + ".staged USING iceberg AS SELECT 1L AS payer_id, 99 AS pmpm");
    String refused = "Refused to write gold table " + gold + ".payer_pmpm (";

    assertThatThrownBy(() -> spark.sql("CREATE TABLE " + product + " (payer_id BIGINT, pmpm INT) USING iceberg"))
        .isInstanceOf(GoldGuard.GoldWriteRefusedException.class).hasMessageStartingWith(refused)
        .hasMessageContaining("let `meshlake run <domain>` publish it");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE " + product + " (payer_id BIGINT, pmpm INT) USING iceberg"
        + " LOCATION '" + work.resolve("elsewhere/payer_pmpm") + "'"))
        .as("a gold table by its name, wherever its files").hasMessageStartingWith(refused);
    assertThatThrownBy(() -> spark.sql("ALTER TABLE iceberg." + silver + ".staged RENAME TO " + product))
        .as("a silver table renamed into gold").isInstanceOf(GoldGuard.GoldWriteRefusedException.class)
        .hasMessageStartingWith(refused);

    assertThat(catalogRows(gold)).isEmpty();
    assertThat(catalogRows(silver)).containsOnlyKeys("staged");
    assertThat(spark.table("iceberg." + silver + ".staged").collectAsList()).map(Row::toString)
        .containsExactly("[1,99]");
  }

  @Test
  void aWrongPasswordStopsTheProcessNamingTheDatabaseUserAndVariable() throws Exception {
    Path environment = environmentFile(work.resolve("wrong-password-warehouse"));

    Result refused = meshlake("not-" + password, "sql", "--env-file", environment.toString(), "SELECT 1");

    assertThat(refused.status()).as(refused.output()).isNotZero();
    assertThat(refused.output())
        .contains("error: Cannot connect to the Iceberg JDBC catalog " + url + " as user '" + user + "'")
        .contains("password authentication failed")
        .contains("that " + IcebergSettings.PASSWORD_VARIABLE + " holds that user's password")
        .doesNotContain(password);
  }

  /** A namespace's tables in PostgreSQL's catalog table (catalog {@code iceberg}): name → metadata location. */
  private static Map<String, String> catalogRows(String tableNamespace) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        PreparedStatement query = connection.prepareStatement("SELECT table_name, metadata_location"
            + " FROM iceberg_tables WHERE catalog_name = 'iceberg' AND table_namespace = ?")) {
      query.setString(1, tableNamespace);
      Map<String, String> tables = new TreeMap<>();
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          tables.put(result.getString(1), result.getString(2));
        }
      }
      return tables;
    }
  }

  /** An environment file with the stack's JDBC catalog and a warehouse of its own. */
  private static Path environmentFile(Path warehouse) throws IOException {
    StringBuilder yaml = new StringBuilder("name: jdbc-it\nwarehouse: " + warehouse + "\ninput: unused\n"
        + "spark:\n  master: local[1]\n  conf:\n");
    localSpark().forEach((key, value) -> yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
    yaml.append("iceberg:\n  catalog: jdbc\n  uri: ").append(url).append("\n  user: ").append(user).append('\n');
    Path file = Files.createTempFile(work, "env-", ".yaml");
    return Files.writeString(file, yaml);
  }

  private static Map<String, String> localSpark() {
    return Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2", "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1");
  }

  private record Result(int status, String output) {}

  /**
   * Runs the CLI in a new JVM on this test's classpath and JVM flags, with {@code password} in
   * {@value IcebergSettings#PASSWORD_VARIABLE}.
   */
  private static Result meshlake(String password, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
            || flag.startsWith("-Djdk.reflect") || flag.startsWith("-Dio.netty"))
        .forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Meshlake.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(work, "meshlake-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(IcebergSettings.PASSWORD_VARIABLE, password);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("meshlake " + String.join(" ", args) + " ran over 3 minutes; see " + log);
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String values(Map<Long, Integer> rows) {
    return new TreeMap<>(rows).entrySet().stream().map(e -> "(" + e.getKey() + ", " + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }

  private static List<String> lines(Map<Long, Integer> rows) {
    return new TreeMap<>(rows).entrySet().stream().map(e -> "[" + e.getKey() + "," + e.getValue() + "]").toList();
  }

  private static List<String> rows(SparkSession spark, String query) {
    return spark.sql(query + " ORDER BY visit_id").collectAsList().stream().map(Row::toString).toList();
  }
}

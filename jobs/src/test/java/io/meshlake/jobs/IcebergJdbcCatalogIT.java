package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.config.Environment;
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
 * with its own warehouse finds the table and its rows through the same catalog. Runs in a JVM of its own
 * (jobs/pom.xml): its session has the JDBC catalog, unlike the other ITs' shared session.
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

  @Test
  void twoProcessesShareTheTablesOfOneCatalogInPostgresql() throws Exception {
    String table = "iceberg." + namespace + ".visits";
    Environment environment = new Environment("it", work.resolve("warehouse").toString(), "unused",
        new Environment.SparkSettings("local[2]", localSpark()), new Environment.IngestSettings(64))
        .withIceberg(new IcebergSettings(IcebergSettings.Catalog.JDBC, url, user, null));
    SparkSession spark = Sessions.start(environment, Map.of());

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
    assertThat(catalogRow(namespace, "visits")).as("PostgreSQL's iceberg_tables row").isEqualTo(metadata);

    // Another engine: a meshlake process with a warehouse of its own finds the table through PostgreSQL alone.
    Path otherEnvironment = environmentFile(work.resolve("other-warehouse"));
    Result other = meshlake(password, "sql", "--env-file", otherEnvironment.toString(), "--format", "csv",
        "SELECT visit_id, cost FROM " + table + " ORDER BY visit_id");

    assertThat(other.status()).as("meshlake sql in a second process:%n%s", other.output()).isZero();
    List<String> csv = new ArrayList<>(List.of("visit_id,cost"));
    expected.forEach((id, cost) -> csv.add(id + "," + cost));
    assertThat(other.output().lines().filter(line -> line.matches("visit_id,cost|\\d+,\\d+")).toList()).isEqualTo(csv);
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

  /** The metadata location PostgreSQL's Iceberg catalog table holds for a table of the catalog {@code iceberg}. */
  private static String catalogRow(String tableNamespace, String tableName) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        PreparedStatement query = connection.prepareStatement("SELECT metadata_location FROM iceberg_tables"
            + " WHERE catalog_name = 'iceberg' AND table_namespace = ? AND table_name = ?")) {
      query.setString(1, tableNamespace);
      query.setString(2, tableName);
      try (ResultSet result = query.executeQuery()) {
        assertThat(result.next()).as("a row for %s.%s", tableNamespace, tableName).isTrue();
        String location = result.getString(1);
        assertThat(result.next()).as("one row").isFalse();
        return location;
      }
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

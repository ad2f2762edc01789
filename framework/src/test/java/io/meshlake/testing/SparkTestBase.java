package io.meshlake.testing;

import io.meshlake.config.Environment;
import io.meshlake.spark.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM (2 threads, 2 shuffle partitions, no UI), started the way
 * meshlake starts it (Delta as {@code spark_catalog}, Iceberg as {@code iceberg}), plus helpers. Each test
 * gets a fresh warehouse folder and an empty session catalog.
 */
public abstract class SparkTestBase {
  private static SparkSession spark;

  protected static synchronized SparkSession spark() {
    if (spark == null) {
      // The session's own warehouse holds only the Iceberg catalog's tables; each test's Delta tables go
      // to its fresh warehouse.
      Environment env = new Environment("test", tempFolder("meshlake-session-warehouse"), "unused",
          new Environment.SparkSettings("local[2]", Map.of(
              "spark.ui.enabled", "false",
              "spark.sql.shuffle.partitions", "2",
              "spark.default.parallelism", "2",
              "spark.databricks.delta.snapshotPartitions", "2",
              "spark.driver.host", "127.0.0.1",
              "spark.driver.bindAddress", "127.0.0.1")),
          new Environment.IngestSettings(64));
      spark = Sessions.start(env, Map.of());
    }
    return spark;
  }

  /**
   * A new, empty warehouse folder; drops every database a previous test registered, and every table of the
   * session's Iceberg catalog (which stays where the session started, whatever warehouse a test uses).
   */
  protected static String freshWarehouse() {
    SparkSession session = spark();
    for (String db : session.catalog().listDatabases().collectAsList().stream().map(d -> d.name()).toList()) {
      if (!db.equals("default")) {
        session.sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
      }
    }
    List<Row> namespaces;
    try {
      namespaces = session.sql("SHOW NAMESPACES IN " + Sessions.ICEBERG_CATALOG).collectAsList();
    } catch (NoSuchNamespaceException e) {
      namespaces = List.of(); // the catalog's folder is made with its first table
    }
    for (Row namespace : namespaces) {
      String qualified = Sessions.ICEBERG_CATALOG + "." + namespace.getString(0);
      for (Row table : session.sql("SHOW TABLES IN " + qualified).collectAsList()) {
        session.sql("DROP TABLE " + qualified + "." + table.getString(1) + " PURGE");
      }
      session.sql("DROP NAMESPACE " + qualified);
    }
    return tempFolder("meshlake-warehouse");
  }

  private static String tempFolder(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a query and returns its rows. */
  protected static List<Row> sql(String query) {
    return spark().sql(query).collectAsList();
  }

  /** The single value of a one-row, one-column query. */
  protected static Object scalar(String query) {
    List<Row> rows = sql(query);
    if (rows.size() != 1 || rows.get(0).length() != 1) {
      throw new AssertionError("Expected one value from " + query + ", got " + rows);
    }
    return rows.get(0).get(0);
  }

  /** Writes lines to a file, creating parent folders. */
  protected static Path write(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, Arrays.asList(lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

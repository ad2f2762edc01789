package io.meshlake.spark;

import io.meshlake.governance.GuardedHadoopCatalog;
import io.meshlake.governance.GuardedJdbcCatalog;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The Spark properties of the Iceberg catalog {@value Sessions#ICEBERG_CATALOG} an environment's
 * {@link IcebergSettings} describe, and the check that a JDBC catalog's database lets the session in. The
 * catalog is Iceberg's Hadoop or JDBC catalog behind the gold guard ({@link GuardedHadoopCatalog},
 * {@link GuardedJdbcCatalog}), set as {@code catalog-impl}: Iceberg takes either a {@code type} or a
 * {@code catalog-impl}, never both, so the properties have no {@code type}.
 */
final class IcebergCatalog {
  static final String PREFIX = "spark.sql.catalog." + Sessions.ICEBERG_CATALOG;
  static final String IMPLEMENTATION = PREFIX + ".catalog-impl";
  static final String TYPE = PREFIX + ".type";
  static final String CACHE = PREFIX + ".cache-enabled";
  static final String URI = PREFIX + ".uri";
  static final String USER = PREFIX + ".jdbc.user";
  static final String PASSWORD = PREFIX + ".jdbc.password";

  private IcebergCatalog() {}

  /**
   * The catalog's properties: Spark's Iceberg catalog, the guarded Iceberg catalog behind it, its warehouse, no
   * table cache, and for {@code jdbc} the database, user and the password read from {@value IcebergSettings#PASSWORD_VARIABLE}
   * through {@code env}.
   *
   * @param warehouse the environment's warehouse, whose {@value Sessions#ICEBERG_FOLDER} folder is the default
   */
  static Map<String, String> properties(IcebergSettings settings, String warehouse, UnaryOperator<String> env) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(PREFIX, "org.apache.iceberg.spark.SparkCatalog");
    conf.put(IMPLEMENTATION, switch (settings.catalog()) {
      case HADOOP -> GuardedHadoopCatalog.class.getName();
      case JDBC -> GuardedJdbcCatalog.class.getName();
    });
    conf.put(PREFIX + ".warehouse", settings.warehouseLocation().orElseGet(() -> defaultWarehouse(warehouse)));
    // No table cache: a table is read as it is now, also after another process's commit to a shared (JDBC)
    // catalog, and icebergCatalog() is the guarded catalog itself, which knows where it puts new tables.
    conf.put(CACHE, "false");
    if (settings.catalog() == IcebergSettings.Catalog.JDBC) {
      String password = env.apply(IcebergSettings.PASSWORD_VARIABLE);
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("The Iceberg catalog is jdbc (" + settings.uri() + " as " + settings.user()
            + "), but " + IcebergSettings.PASSWORD_VARIABLE + " is not set: export it with that user's database"
            + " password (never put the password in the environment file)");
      }
      conf.put(URI, settings.uri());
      conf.put(USER, settings.user());
      conf.put(PASSWORD, password);
    }
    return conf;
  }

  /**
   * Refuses a {@code type} among the session's properties (set in an environment's {@code spark.conf} or by
   * {@code --conf}): Iceberg would refuse the catalog, at its first use, for having a {@code catalog-impl} too.
   *
   * @throws IllegalArgumentException naming the setting and the {@code iceberg:} section that replaces it
   */
  static void checkNoType(Map<String, String> conf) {
    String type = conf.get(TYPE);
    if (type != null) {
      throw new IllegalArgumentException("Remove the setting " + TYPE + "=" + type + ": the catalog "
          + Sessions.ICEBERG_CATALOG + " is " + conf.get(IMPLEMENTATION) + " (" + IMPLEMENTATION + ", which refuses"
          + " writes to gold tables outside a publication), and Iceberg refuses a catalog with both. Choose the"
          + " catalog with the environment's iceberg.catalog: hadoop or jdbc");
    }
  }

  /**
   * Connects once to a JDBC catalog's database as {@code conf} says (after every override), so that a wrong
   * URL, user or password stops the session at its start, not at its first Iceberg query.
   *
   * @throws IllegalArgumentException naming the database and user, the database's reason and what to check
   */
  static void checkConnection(Map<String, String> conf) {
    String uri = conf.get(URI);
    String user = conf.get(USER);
    Properties login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", conf.get(PASSWORD));
    try {
      DriverManager.getConnection(uri, login).close();
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot connect to the Iceberg JDBC catalog " + uri + " as user '" + user
          + "': " + e.getMessage() + ". Check iceberg.uri and iceberg.user in the environment, that the database is"
          + " up, and that " + IcebergSettings.PASSWORD_VARIABLE + " holds that user's password", e);
    }
  }

  /**
   * The default warehouse: {@value Sessions#ICEBERG_FOLDER} under the environment's warehouse, a URI kept as
   * it is, a local path made absolute (the catalog must not depend on the executors' working folder).
   */
  static String defaultWarehouse(String warehouse) {
    String base = warehouse.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")
        ? warehouse.replaceAll("/+$", "")
        : Path.of(warehouse).toAbsolutePath().normalize().toString();
    return base + "/" + Sessions.ICEBERG_FOLDER;
  }
}

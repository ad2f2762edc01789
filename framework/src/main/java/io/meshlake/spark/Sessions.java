package io.meshlake.spark;

import io.meshlake.config.Environment;
import io.meshlake.governance.GuardedLogStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the one Spark session a meshlake process uses, with Delta Lake and Apache Iceberg enabled side
 * by side. Under {@code spark-submit} the master and resources come from spark-submit; embedded runs use
 * the environment's master (local mode by default).
 *
 * <p>Delta owns the session catalog ({@code spark_catalog}), so unqualified names ({@code clinical_silver.encounters})
 * stay Delta tables. Iceberg tables live in a second catalog, {@value #ICEBERG_CATALOG}
 * ({@code iceberg.clinical_gold.encounter_costs}), as the environment's {@link IcebergSettings} say: by default
 * a Hadoop catalog whose warehouse is the {@value #ICEBERG_FOLDER} folder of the environment's warehouse, or a
 * JDBC catalog in a database that several engines share (its password from
 * {@value IcebergSettings#PASSWORD_VARIABLE}; the session starts only if the database lets it in). The
 * {@value #ICEBERG_FOLDER} folder keeps each format's discovery away from the other's tables (the Hadoop
 * catalog reads every folder of its warehouse as a namespace; the Delta store attaches every folder holding a
 * {@code _delta_log}). Any {@code spark.sql.catalog.iceberg.*} setting of the environment or {@code --conf}
 * wins over the section, except that the catalog has no {@code type}: it is a {@code catalog-impl}.
 *
 * <p>Both formats' commits to gold tables go through the gold guard ({@code GoldGuard}): Delta's through the
 * log store {@link GuardedLogStore}, Iceberg's through the catalog's implementation, {@code GuardedHadoopCatalog}
 * or {@code GuardedJdbcCatalog}.
 */
public final class Sessions {
  /** The name of the Iceberg catalog in SQL. */
  public static final String ICEBERG_CATALOG = "iceberg";

  /** The folder of the environment's warehouse that is the Iceberg catalog's warehouse. */
  public static final String ICEBERG_FOLDER = "_iceberg";

  /** Settings the platform relies on; an environment or {@code --conf} may still override them. */
  private static final Map<String, String> PLATFORM_DEFAULTS = Map.ofEntries(
      Map.entry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,"
          + "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"),
      Map.entry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"),
      Map.entry("spark.sql.session.timeZone", "UTC"),
      Map.entry("spark.sql.datetime.java8API.enabled", "true"),
      Map.entry("spark.databricks.delta.schema.autoMerge.enabled", "true"),
      // MERGE sources here are deterministic reads of Delta tables: no need to copy them first.
      Map.entry("spark.databricks.delta.merge.materializeSource", "auto"),
      // Delta's own log stores, behind a guard that refuses commits to gold tables outside a publication.
      Map.entry("spark.delta.logStore.class", GuardedLogStore.class.getName()));

  private Sessions() {}

  /**
   * Starts (or joins) the session: platform defaults and the Iceberg catalog, then the environment's Spark
   * settings, then {@code overrides}.
   *
   * @throws IllegalArgumentException if a JDBC Iceberg catalog has no password or its database refuses the session
   */
  public static SparkSession start(Environment environment, Map<String, String> overrides) {
    Map<String, String> conf = properties(environment, overrides, System::getenv);
    if (environment.iceberg().catalog() == IcebergSettings.Catalog.JDBC) {
      IcebergCatalog.checkConnection(conf);
    }
    SparkSession.Builder builder = SparkSession.builder().appName("meshlake");
    if (!new SparkConf().contains("spark.master")) {
      builder = builder.master(environment.spark().masterUrl().orElse("local[2]"));
    }
    for (Map.Entry<String, String> entry : conf.entrySet()) {
      builder = builder.config(entry.getKey(), entry.getValue());
    }
    return builder.getOrCreate();
  }

  /**
   * The session's properties, later ones winning: platform defaults, the Iceberg catalog, the environment's, overrides.
   *
   * @throws IllegalArgumentException if the environment's or the overrides' properties give the Iceberg catalog a
   *     {@code type}
   */
  static Map<String, String> properties(Environment environment, Map<String, String> overrides, UnaryOperator<String> env) {
    Map<String, String> conf = new LinkedHashMap<>(PLATFORM_DEFAULTS);
    conf.putAll(IcebergCatalog.properties(environment.iceberg(), environment.warehouse(), env));
    conf.putAll(environment.spark().conf());
    conf.putAll(overrides);
    IcebergCatalog.checkNoType(conf);
    return conf;
  }
}

package io.meshlake.spark;

import io.meshlake.config.Environment;
import io.meshlake.governance.GuardedLogStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the one Spark session a meshlake process uses, with Delta Lake and Apache Iceberg enabled side
 * by side. Under {@code spark-submit} the master and resources come from spark-submit; embedded runs use
 * the environment's master (local mode by default).
 *
 * <p>Delta owns the session catalog ({@code spark_catalog}), so unqualified names ({@code clinical_silver.encounters})
 * stay Delta tables. Iceberg tables live in a second catalog, {@value #ICEBERG_CATALOG}
 * ({@code iceberg.clinical_gold.encounter_costs}): by default a Hadoop catalog whose warehouse is the
 * {@value #ICEBERG_FOLDER} folder of the environment's warehouse. Its own folder keeps each format's
 * discovery away from the other's tables (the Hadoop catalog reads every folder of its warehouse as a
 * namespace; the Delta store attaches every folder holding a {@code _delta_log}). Any
 * {@code spark.sql.catalog.iceberg.*} setting of the environment or {@code --conf} wins, e.g. a JDBC catalog.
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
      Map.entry("spark.sql.catalog." + ICEBERG_CATALOG, "org.apache.iceberg.spark.SparkCatalog"),
      Map.entry("spark.sql.catalog." + ICEBERG_CATALOG + ".type", "hadoop"),
      Map.entry("spark.sql.session.timeZone", "UTC"),
      Map.entry("spark.sql.datetime.java8API.enabled", "true"),
      Map.entry("spark.databricks.delta.schema.autoMerge.enabled", "true"),
      // MERGE sources here are deterministic reads of Delta tables: no need to copy them first.
      Map.entry("spark.databricks.delta.merge.materializeSource", "auto"),
      // Delta's own log stores, behind a guard that refuses commits to gold tables outside a publication.
      Map.entry("spark.delta.logStore.class", GuardedLogStore.class.getName()));

  private Sessions() {}

  /** Starts (or joins) the session: platform defaults, then the environment, then {@code overrides}. */
  public static SparkSession start(Environment environment, Map<String, String> overrides) {
    Map<String, String> conf = new LinkedHashMap<>(PLATFORM_DEFAULTS);
    conf.put("spark.sql.catalog." + ICEBERG_CATALOG + ".warehouse", icebergWarehouse(environment.warehouse()));
    conf.putAll(environment.spark().conf());
    conf.putAll(overrides);
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
   * The Iceberg catalog's warehouse: {@value #ICEBERG_FOLDER} under the environment's warehouse, a URI
   * kept as it is, a local path made absolute (the catalog must not depend on the executors' working folder).
   */
  static String icebergWarehouse(String warehouse) {
    String base = warehouse.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")
        ? warehouse.replaceAll("/+$", "")
        : Path.of(warehouse).toAbsolutePath().normalize().toString();
    return base + "/" + ICEBERG_FOLDER;
  }
}

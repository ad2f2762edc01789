package io.meshlake.spark;

import io.meshlake.config.Environment;
import io.meshlake.governance.GuardedLogStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the one Spark session a meshlake process uses, with Delta Lake enabled. Under
 * {@code spark-submit} the master and resources come from spark-submit; embedded runs use the
 * environment's master (local mode by default).
 */
public final class Sessions {
  /** Settings the platform relies on; an environment or {@code --conf} may still override them. */
  private static final Map<String, String> PLATFORM_DEFAULTS = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      "spark.sql.session.timeZone", "UTC",
      "spark.sql.datetime.java8API.enabled", "true",
      "spark.databricks.delta.schema.autoMerge.enabled", "true",
      // MERGE sources here are deterministic reads of Delta tables: no need to copy them first.
      "spark.databricks.delta.merge.materializeSource", "auto",
      // Delta's own log stores, behind a guard that refuses commits to gold tables outside a publication.
      "spark.delta.logStore.class", GuardedLogStore.class.getName());

  private Sessions() {}

  /** Starts (or joins) the session: platform defaults, then the environment, then {@code overrides}. */
  public static SparkSession start(Environment environment, Map<String, String> overrides) {
    Map<String, String> conf = new LinkedHashMap<>(PLATFORM_DEFAULTS);
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
}

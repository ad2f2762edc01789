package io.meshlake;

import io.meshlake.quality.QualityLog;
import java.time.Instant;
import java.util.Optional;
import io.meshlake.config.Environment;
import io.meshlake.governance.Governor;
import io.meshlake.governance.PseudonymKeyring;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.lineage.Lineage;
import io.meshlake.plan.Plan;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.run.RunResult;
import io.meshlake.run.Runner;
import io.meshlake.spark.Sessions;
import io.meshlake.spark.StageProgress;
import io.meshlake.table.TableFormats;
import io.meshlake.table.Warehouse;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * A running meshlake platform: the Spark session, the warehouse with its tables registered in the
 * catalog, the run log, and the lineage every run emits. One per process; Spark stops with the JVM.
 */
public final class Platform {
  private final Environment environment;
  private final SparkSession spark;
  private final Warehouse store;
  private final RunLog runLog;
  private final Governor governor;
  private final Lineage lineage;
  private final Consumer<String> progress;

  private Platform(Environment environment, SparkSession spark, Consumer<String> progress) {
    this.environment = environment;
    this.spark = spark;
    this.store = new Warehouse(spark, environment.warehouse(), new TableFormats(environment.formats()));
    this.runLog = new RunLog(store.delta());
    this.governor = new Governor(store, PolicySet.load(environment.governance().policyFolder()),
        () -> PseudonymKeyring.forPlatform(environment.governance().devKeyFile(), progress));
    this.lineage = Lineage.configured(environment.lineage(), store, progress);
    this.progress = progress;
  }

  /**
   * Starts Spark for the environment (with {@code sparkOverrides} on top) and attaches the warehouse.
   *
   * @param progress where progress lines go (the CLI prints them to standard error)
   */
  public static Platform start(Environment environment, Map<String, String> sparkOverrides, Consumer<String> progress) {
    SparkSession spark = Sessions.start(environment, sparkOverrides);
    spark.sparkContext().addSparkListener(new StageProgress(progress, 10_000));
    return new Platform(environment, spark, progress);
  }

  /**
   * Makes every table of the warehouse known to Spark SQL by {@code <namespace>.<name>}. Runs do not need
   * it (they address tables by location or by their Iceberg name), so it is done only for queries.
   */
  public void attachCatalog() {
    store.registerAll();
  }

  /**
   * Runs a plan with the environment's ingest settings.
   *
   * @param asOf the run's logical time for freshness rules; empty for now
   */
  public RunResult run(Plan plan, String input, boolean fullRefresh, Optional<Instant> asOf) {
    RunOptions options = new RunOptions(input, fullRefresh, environment.ingest().splitBytes(), asOf);
    return new Runner(store, runLog, governor, progress, lineage).run(plan, options);
  }

  /** Governance: the policies, the consumer classes' tables and the audit log. */
  public Governor governor() {
    return governor;
  }

  /** The warehouse. */
  public Warehouse store() {
    return store;
  }

  /** The platform table of quality verdicts. */
  public QualityLog qualityLog() {
    return new QualityLog(store.delta());
  }

  public SparkSession spark() {
    return spark;
  }

  public Environment environment() {
    return environment;
  }
}

package io.meshlake.catalog;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.quality.QualityHistory;
import io.meshlake.quality.QualityLog;
import io.meshlake.run.BuildStatus;
import io.meshlake.run.RunLog;
import io.meshlake.table.DeltaTableStore;
import io.meshlake.table.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * What runs observed of one data product, from the platform tables of a warehouse and the product's table
 * itself: when it was last published (its freshness) and at which table version, where its table is, how its
 * latest build ended, and its quality verdicts and SLO attainment over runs.
 *
 * @param publishedAt the end of its last build that wrote new data
 * @param version the table's current version in its format: the Delta table's version, or the sequence number of
 *     the Iceberg table's current snapshot
 * @param location the folder of the existing table, as its format says: for an Iceberg table, as the live Iceberg
 *     catalog gives it (which may differ from the declared {@link DataProduct#location()}, e.g. when the session
 *     overrides the catalog's warehouse or a shared catalog created the table elsewhere)
 * @param lastBuild how its most recent build ended ({@code SUCCEEDED}, {@code UP_TO_DATE}, {@code FAILED}, ...)
 * @param lastBuildAt when its most recent build ended
 * @param quality its recorded quality verdicts
 */
public record ProductRuns(Optional<Instant> publishedAt, Optional<Long> version, Optional<String> location,
    Optional<BuildStatus> lastBuild, Optional<Instant> lastBuildAt, Optional<QualityHistory> quality) {

  /** A product no run has built. */
  public static final ProductRuns NEVER_BUILT = new ProductRuns(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /** Where the product's table is: where its existing table was observed, else where its declaration puts it. */
  public String location(DataProduct product) {
    return location.orElse(product.location());
  }

  /**
   * Whether the warehouse holds a run log, i.e. runs were recorded there (checked without Spark, so a
   * catalog of an unbuilt warehouse starts none).
   */
  public static boolean recorded(String warehouse) {
    Path log = new Path(new Path(new Path(warehouse, RunLog.NAMESPACE), RunLog.TABLE), "_delta_log");
    try {
      return log.getFileSystem(new Configuration()).exists(log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read warehouse " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /**
   * What the run log and the quality results of the warehouse say about each product, with each existing
   * product table's version and location read in its own format.
   */
  public static Map<TableId, ProductRuns> read(Warehouse warehouse, Collection<TableId> products) {
    DeltaTableStore store = warehouse.delta();
    List<Row> builds = store.exists(RunLog.NAMESPACE, RunLog.TABLE)
        ? store.spark().read().format("delta").load(store.location(RunLog.NAMESPACE, RunLog.TABLE))
            .where(col("layer").equalTo(Layer.GOLD.label()))
            .select("table_name", "status", "ended_at", "output_version").collectAsList()
        : List.of();
    Map<String, QualityHistory> quality = QualityHistory.of(new QualityLog(store).read().collectAsList());
    Map<TableId, ProductRuns> runs = new HashMap<>();
    for (TableId product : products) {
      List<Row> own = builds.stream().filter(r -> r.getString(0).equals(product.qualifiedName()))
          .sorted(java.util.Comparator.comparing(r -> instant(r.get(2)))).toList();
      Optional<Row> last = own.isEmpty() ? Optional.empty() : Optional.of(own.get(own.size() - 1));
      Optional<Row> published = own.stream().filter(r -> r.getString(1).equals(BuildStatus.SUCCEEDED.name()))
          .reduce((a, b) -> b);
      boolean exists = warehouse.exists(product);
      runs.put(product, new ProductRuns(published.map(r -> instant(r.get(2))),
          exists ? warehouse.version(product) : Optional.empty(),
          exists ? Optional.of(warehouse.location(product)) : Optional.empty(),
          last.map(r -> BuildStatus.valueOf(r.getString(1))), last.map(r -> instant(r.get(2))),
          Optional.ofNullable(quality.get(product.qualifiedName()))));
    }
    return runs;
  }

  /** A timestamp as Spark returns it: {@link Instant} with the Java 8 time API on, {@link Timestamp} otherwise. */
  private static Instant instant(Object value) {
    return value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
  }
}

package io.meshlake.table;

import io.meshlake.api.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The tables of a meshlake warehouse, each in the format {@link TableFormats} gives it: every operation on a
 * table goes to the {@link DeltaTableStore} or the {@link IcebergTableStore}. The platform's own tables (run
 * log, quality log, the consumer classes' tables) are Delta tables addressed by location through
 * {@link #delta()}.
 *
 * <p>Every table is also known to Spark SQL by {@code <namespace>.<name>}: a Delta table is registered in
 * the session catalog; an Iceberg table, which lives in the catalog {@code iceberg}, gets a view of that name
 * there (re-created after each write, so it shows the table's current columns). Analysts query
 * {@code claims_gold.payer_pmpm} whatever its format; time travel on an Iceberg product names the table
 * itself ({@code iceberg.claims_gold.payer_pmpm VERSION AS OF <snapshot id>}).
 */
public final class Warehouse implements TableStore {
  private final DeltaTableStore delta;
  private final IcebergTableStore iceberg;
  private final TableFormats formats;
  private final TableWrites writes = new Routed();

  public Warehouse(SparkSession spark, String location, TableFormats formats) {
    this.delta = new DeltaTableStore(spark, location);
    this.iceberg = new IcebergTableStore(spark);
    this.formats = formats;
  }

  /** A warehouse of Delta tables only. */
  public static Warehouse delta(SparkSession spark, String location) {
    return new Warehouse(spark, location, new TableFormats(FormatSettings.DEFAULT, id -> Optional.empty()));
  }

  /** The Delta store of the warehouse, where the platform's own tables are. */
  public DeltaTableStore delta() {
    return delta;
  }

  /** The format of a table. */
  public TableFormat format(TableId id) {
    return formats.of(id);
  }

  /** The store of a table's format. */
  public TableStore storeOf(TableId id) {
    return formats.of(id) == TableFormat.ICEBERG ? iceberg : delta;
  }

  @Override
  public SparkSession spark() {
    return delta.spark();
  }

  @Override
  public String location(TableId id) {
    return storeOf(id).location(id);
  }

  @Override
  public String sqlName(TableId id) {
    return storeOf(id).sqlName(id);
  }

  @Override
  public boolean exists(TableId id) {
    return storeOf(id).exists(id);
  }

  @Override
  public Optional<Long> version(TableId id) {
    return storeOf(id).version(id);
  }

  @Override
  public Commit lastCommit(TableId id) {
    return storeOf(id).lastCommit(id);
  }

  @Override
  public List<Commit> commitsAfter(TableId id, long afterVersion) {
    return storeOf(id).commitsAfter(id, afterVersion);
  }

  @Override
  public Dataset<Row> read(TableId id, long version) {
    return storeOf(id).read(id, version);
  }

  @Override
  public Map<String, String> properties(TableId id) {
    return storeOf(id).properties(id);
  }

  @Override
  public StructType schema(TableId id) {
    return storeOf(id).schema(id);
  }

  @Override
  public String description(TableId id) {
    return storeOf(id).description(id);
  }

  @Override
  public void setProperties(TableId id, Map<String, String> properties) {
    storeOf(id).setProperties(id, properties);
  }

  @Override
  public Dataset<Row> insertedRows(TableId id, long afterVersion, long upToVersion) {
    return storeOf(id).insertedRows(id, afterVersion, upToVersion);
  }

  @Override
  public Dataset<Row> changes(TableId id, long afterVersion, long upToVersion) {
    return storeOf(id).changes(id, afterVersion, upToVersion);
  }

  @Override
  public void create(TableId id, StructType schema, List<String> partitionBy, String comment, Map<String, String> properties) {
    if (format(id) == TableFormat.DELTA) {
      unregister(id); // the view of the Iceberg table the product was before it moved to Delta
      delta.create(id, schema, partitionBy, comment, properties);
    } else {
      iceberg.create(id, schema, partitionBy, comment, properties);
      register(id);
    }
  }

  /** Each table's commits in its own format. */
  @Override
  public TableWrites writes() {
    return writes;
  }

  /**
   * Makes every table of the warehouse known to Spark SQL by {@code <namespace>.<name>} (idempotent): the
   * Delta tables in its folder, except former Delta copies of products now kept in Iceberg, and a view of
   * each Iceberg table. Returns the qualified names.
   */
  public List<String> registerAll() {
    List<String> registered = new ArrayList<>(delta.registerAll(name -> !isIcebergProduct(name)));
    for (TableId id : iceberg.tables()) {
      register(id);
      registered.add(id.qualifiedName());
    }
    return registered;
  }

  /**
   * Makes one existing table known to Spark SQL by {@code <namespace>.<name>}, as {@link #registerAll()} does,
   * in place of whatever had that name (an Iceberg view shows the table's current columns).
   */
  public void register(TableId id) {
    unregister(id);
    if (format(id) == TableFormat.ICEBERG) {
      spark().sql("CREATE DATABASE IF NOT EXISTS " + id.namespace());
      spark().sql("CREATE VIEW " + id.qualifiedName() + " AS SELECT * FROM " + iceberg.sqlName(id));
    } else {
      delta.register(id.namespace(), id.name());
    }
  }

  /** Removes {@code <namespace>.<name>} from the session catalog, a table or a view alike; no file is touched. */
  public void unregister(TableId id) {
    SessionCatalog catalog = spark().sessionState().catalog();
    if (catalog.databaseExists(id.namespace())) { // dropTable refuses a missing database, even if told to ignore
      catalog.dropTable(new TableIdentifier(id.name(), Option.apply(id.namespace())), true, false);
    }
  }

  private boolean isIcebergProduct(String qualifiedName) {
    try {
      return format(TableId.parse(qualifiedName)) == TableFormat.ICEBERG;
    } catch (IllegalArgumentException platformTable) {
      return false;
    }
  }

  /** Sends each write to the store of the table's format. */
  private final class Routed implements TableWrites {
    @Override
    public void append(TableId id, Dataset<Row> rows) {
      storeOf(id).writes().append(id, rows);
      refreshView(id);
    }

    @Override
    public void overwrite(TableId id, Dataset<Row> rows) {
      storeOf(id).writes().overwrite(id, rows);
      refreshView(id);
    }

    @Override
    public void overwritePartitions(TableId id, Dataset<Row> rows) {
      storeOf(id).writes().overwritePartitions(id, rows);
      refreshView(id);
    }

    @Override
    public void replaceKeys(TableId id, Dataset<Row> rows, String key, List<Object> values) {
      storeOf(id).writes().replaceKeys(id, rows, key, values);
      refreshView(id);
    }

    @Override
    public void merge(TableId id, Dataset<Row> source, MergeSpec merge) {
      storeOf(id).writes().merge(id, source, merge);
      refreshView(id);
    }

    /** Runs {@code writes} with the user metadata set for both formats' commits. */
    @Override
    public <T> T withUserMetadata(String userMetadata, Supplier<T> writes) {
      return delta.writes().withUserMetadata(userMetadata, () -> iceberg.writes().withUserMetadata(userMetadata, writes));
    }

    /** An Iceberg table's columns may have changed: its view must show them. */
    private void refreshView(TableId id) {
      if (format(id) == TableFormat.ICEBERG) {
        register(id);
      }
    }
  }
}

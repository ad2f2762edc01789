package io.meshlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.meshlake.api.TableId;
import io.meshlake.spark.Sessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.spark.SparkReadOptions;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.spark.source.HasIcebergCatalog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Iceberg {@link TableStore}: each table is {@code iceberg.<domain>_<layer>.<name>} in the session's
 * Iceberg catalog ({@link Sessions#ICEBERG_CATALOG}), always written through the catalog, never by path.
 * A version is the sequence number of the table's snapshot (0 for a table created and not yet written);
 * commits are read from the snapshots' summaries, with the metrics callers read under Delta's names.
 * See {@link TableStore} for how each operation maps to Delta's and what stays different.
 */
public final class IcebergTableStore implements TableStore {
  /** Snapshot summary entry holding the writer's user metadata ({@link Commit#userMetadata()}). */
  static final String USER_METADATA = "meshlake.user-metadata";

  /** Snapshot summary entry naming the operation as Delta does ({@code WRITE}, {@code MERGE}). */
  static final String OPERATION = "meshlake.operation";

  /** Prefix of snapshot summary entries holding metrics the writer counted, under Delta's names. */
  static final String METRIC = "meshlake.metric.";

  /**
   * Properties of every table this store creates: format v2 (sequence numbers) and copy-on-write
   * row-level writes (the changelog scan reads no delete files).
   */
  private static final Map<String, String> TABLE_DEFAULTS = Map.of(
      "format-version", "2",
      "write.merge.mode", "copy-on-write",
      "write.update.mode", "copy-on-write",
      "write.delete.mode", "copy-on-write");

  /** Iceberg's snapshot summary figures and the Delta metric names callers read them by. */
  private static final Map<String, String> SUMMARY_METRICS = Map.of(
      "added-records", "numOutputRows",
      "added-data-files", "numFiles",
      "added-files-size", "numOutputBytes",
      "deleted-data-files", "numRemovedFiles");

  /** The same figures under the names Delta gives them for a MERGE. */
  private static final Map<String, String> MERGE_SUMMARY_METRICS = Map.of(
      "added-data-files", "numTargetFilesAdded",
      "deleted-data-files", "numTargetFilesRemoved");

  /** Iceberg's changelog {@code _change_type} values and Delta's names for them. */
  private static final Map<String, String> CHANGE_TYPES = Map.of(
      "INSERT", "insert",
      "DELETE", "delete",
      "UPDATE_BEFORE", "update_preimage",
      "UPDATE_AFTER", "update_postimage");

  private final SparkSession spark;
  private final String catalog = Sessions.ICEBERG_CATALOG;
  private final TableWrites writes = new IcebergWrites(this);

  public IcebergTableStore(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public SparkSession spark() {
    return spark;
  }

  /** The name Spark SQL knows the table by, e.g. {@code iceberg.clinical_gold.encounter_costs}. */
  @Override
  public String sqlName(TableId id) {
    return catalog + "." + id.namespace() + "." + id.name();
  }

  /**
   * The table's folder; for a table not yet created, where the catalog will put it
   * ({@code <catalog warehouse>/<namespace>/<name>}), as the catalog says if it can ({@link DefaultTableLocations}).
   */
  @Override
  public String location(TableId id) {
    return find(id).map(Table::location).orElseGet(() -> icebergCatalog() instanceof DefaultTableLocations locations
        ? locations.defaultLocation(identifier(id))
        : spark.conf().get("spark.sql.catalog." + catalog + ".warehouse") + "/" + id.namespace() + "/" + id.name());
  }

  @Override
  public boolean exists(TableId id) {
    return find(id).isPresent();
  }

  /** The current snapshot's sequence number; 0 for a table with no snapshot yet. */
  @Override
  public Optional<Long> version(TableId id) {
    return find(id).map(IcebergTableStore::version);
  }

  private static long version(Table table) {
    return table.currentSnapshot() == null ? 0 : table.currentSnapshot().sequenceNumber();
  }

  @Override
  public Commit lastCommit(TableId id) {
    Table table = table(id);
    return table.currentSnapshot() == null ? new Commit(0, "CREATE TABLE", Map.of(), "") : commit(table.currentSnapshot());
  }

  /** The snapshots with a sequence number above {@code afterVersion} that the table still keeps, oldest first. */
  @Override
  public List<Commit> commitsAfter(TableId id, long afterVersion) {
    return snapshots(table(id)).stream().filter(s -> s.sequenceNumber() > afterVersion).map(IcebergTableStore::commit).toList();
  }

  private static Commit commit(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    String operation = summary.getOrDefault(OPERATION, snapshot.operation());
    Map<String, String> metrics = new HashMap<>();
    SUMMARY_METRICS.forEach((figure, metric) -> Optional.ofNullable(summary.get(figure)).ifPresent(v -> metrics.put(metric, v)));
    if (operation.equals(IcebergWrites.MERGE)) {
      MERGE_SUMMARY_METRICS.forEach((figure, metric) -> Optional.ofNullable(summary.get(figure)).ifPresent(v -> metrics.put(metric, v)));
    }
    summary.forEach((key, value) -> {
      if (key.startsWith(METRIC)) {
        metrics.put(key.substring(METRIC.length()), value);
      }
    });
    return new Commit(snapshot.sequenceNumber(), operation, metrics, summary.getOrDefault(USER_METADATA, ""));
  }

  /** The table as of a version: the snapshot with that sequence number (version 0: empty, as created). */
  @Override
  public Dataset<Row> read(TableId id, long version) {
    if (version == 0) {
      return spark.table(sqlName(id)).limit(0);
    }
    return spark.read().format("iceberg").option(SparkReadOptions.SNAPSHOT_ID, snapshot(table(id), version).snapshotId())
        .load(sqlName(id));
  }

  @Override
  public Map<String, String> properties(TableId id) {
    return new HashMap<>(table(id).properties());
  }

  /** The table's current schema, with the columns' docs as comments. */
  @Override
  public StructType schema(TableId id) {
    return SparkSchemaUtil.convert(table(id).schema());
  }

  /** The table's {@code comment} property, empty when it has none. */
  @Override
  public String description(TableId id) {
    return table(id).properties().getOrDefault("comment", "");
  }

  /** Every table of the catalog whose namespace is a meshlake one ({@code <domain>_<layer>}). */
  public List<TableId> tables() {
    Catalog catalog = icebergCatalog();
    if (!(catalog instanceof SupportsNamespaces namespaces)) {
      return List.of();
    }
    List<Namespace> all;
    try {
      all = namespaces.listNamespaces();
    } catch (NoSuchNamespaceException e) {
      return List.of(); // a Hadoop catalog's folder is made with its first table
    }
    List<TableId> tables = new ArrayList<>();
    for (Namespace namespace : all) {
      for (TableIdentifier table : catalog.listTables(namespace)) {
        try {
          tables.add(TableId.parse(namespace + "." + table.name()));
        } catch (IllegalArgumentException notOurs) {
          // a table another tool keeps in the shared catalog
        }
      }
    }
    return tables;
  }

  /** Sets table properties in one metadata commit; unlike Delta's, it makes no snapshot, so no version. */
  @Override
  public void setProperties(TableId id, Map<String, String> properties) {
    UpdateProperties update = table(id).updateProperties();
    properties.forEach(update::set);
    update.commit();
  }

  /**
   * The rows inserted after {@code afterVersion} up to {@code upToVersion}: Iceberg's incremental append
   * scan when every snapshot in the range is an append (it skips any other), otherwise the changelog's
   * inserted rows.
   */
  @Override
  public Dataset<Row> insertedRows(TableId id, long afterVersion, long upToVersion) {
    if (afterVersion >= upToVersion) {
      return read(id, upToVersion).limit(0);
    }
    Table table = table(id);
    boolean appendsOnly = snapshots(table).stream()
        .filter(s -> s.sequenceNumber() > afterVersion && s.sequenceNumber() <= upToVersion)
        .allMatch(s -> DataOperations.APPEND.equals(s.operation()));
    if (!appendsOnly) {
      return changes(id, afterVersion, upToVersion).where("_change_type = 'insert'")
          .drop("_change_type", "_commit_version", "_commit_timestamp");
    }
    if (afterVersion == 0) {
      return read(id, upToVersion);
    }
    return spark.read().format("iceberg")
        .option(SparkReadOptions.START_SNAPSHOT_ID, snapshot(table, afterVersion).snapshotId())
        .option(SparkReadOptions.END_SNAPSHOT_ID, snapshot(table, upToVersion).snapshotId())
        .load(sqlName(id));
  }

  /**
   * Every row changed after {@code afterVersion} up to {@code upToVersion}, from Iceberg's changelog
   * (rows a copy-on-write rewrite only carried over are left out), with Delta's change columns:
   * {@code _change_type} ({@code insert}, {@code delete}; an updated row is a delete and an insert, as
   * the store knows no row identity), {@code _commit_version} (the sequence number) and
   * {@code _commit_timestamp}.
   */
  @Override
  public Dataset<Row> changes(TableId id, long afterVersion, long upToVersion) {
    if (afterVersion >= upToVersion) {
      return read(id, upToVersion).limit(0)
          .withColumn("_change_type", lit(null).cast("string"))
          .withColumn("_commit_version", lit(null).cast("long"))
          .withColumn("_commit_timestamp", lit(null).cast("timestamp"));
    }
    Table table = table(id);
    Map<String, String> options = new LinkedHashMap<>();
    if (afterVersion > 0) {
      options.put(SparkReadOptions.START_SNAPSHOT_ID, Long.toString(snapshot(table, afterVersion).snapshotId()));
    }
    options.put(SparkReadOptions.END_SNAPSHOT_ID, Long.toString(snapshot(table, upToVersion).snapshotId()));
    String view = "meshlake_changes_" + UUID.randomUUID().toString().replace("-", "");
    spark.sql("CALL " + catalog + ".system.create_changelog_view(table => '" + id.namespace() + "." + id.name()
        + "', options => map(" + options.entrySet().stream().map(e -> "'" + e.getKey() + "', '" + e.getValue() + "'")
            .collect(Collectors.joining(", ")) + "), changelog_view => '" + view + "')");
    Dataset<Row> changelog;
    try {
      changelog = spark.table(view);
    } finally {
      spark.catalog().dropTempView(view);
    }
    Column changeType = lit(null).cast("string");
    Column commitVersion = lit(null).cast("long");
    Column commitTimestamp = lit(null).cast("timestamp");
    for (Map.Entry<String, String> type : CHANGE_TYPES.entrySet()) {
      changeType = when(col("_change_type").equalTo(type.getKey()), type.getValue()).otherwise(changeType);
    }
    for (Snapshot snapshot : snapshots(table)) {
      Column isIt = col("_commit_snapshot_id").equalTo(snapshot.snapshotId());
      commitVersion = when(isIt, snapshot.sequenceNumber()).otherwise(commitVersion);
      commitTimestamp = when(isIt, lit(Instant.ofEpochMilli(snapshot.timestampMillis()))).otherwise(commitTimestamp);
    }
    return changelog.withColumn("_change_type", changeType)
        .withColumn("_commit_version", commitVersion)
        .withColumn("_commit_timestamp", commitTimestamp)
        .drop("_change_ordinal", "_commit_snapshot_id");
  }

  /**
   * Creates the table empty if it does not exist: format v2, copy-on-write, every column optional (Iceberg
   * refuses at analysis to write a nullable column into a required one, where Delta checks the values).
   */
  @Override
  public void create(TableId id, StructType schema, List<String> partitionBy, String comment, Map<String, String> properties) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + "." + id.namespace());
    Schema icebergSchema = SparkSchemaUtil.convert(nullable(schema));
    PartitionSpec.Builder spec = PartitionSpec.builderFor(icebergSchema);
    partitionBy.forEach(spec::identity);
    Map<String, String> all = new LinkedHashMap<>(TABLE_DEFAULTS);
    all.putAll(properties);
    if (comment != null && !comment.isBlank()) {
      all.put("comment", comment);
    }
    try {
      icebergCatalog().buildTable(identifier(id), icebergSchema).withPartitionSpec(spec.build()).withProperties(all).create();
    } catch (AlreadyExistsException e) {
      // created meanwhile: as Delta's createIfNotExists, keep it
    }
  }

  /** The schema with every top-level column nullable. */
  static StructType nullable(StructType schema) {
    StructType result = new StructType();
    for (StructField field : schema.fields()) {
      result = result.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
    }
    return result;
  }

  @Override
  public TableWrites writes() {
    return writes;
  }

  /** The table's current metadata (refreshed), or a clear error when it was never created. */
  Table table(TableId id) {
    return find(id).orElseThrow(() -> new IllegalStateException(
        "Iceberg table " + sqlName(id) + " does not exist: write it once (or create it) before reading it"));
  }

  private Optional<Table> find(TableId id) {
    try {
      Table table = icebergCatalog().loadTable(identifier(id));
      table.refresh();
      return Optional.of(table);
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  private Catalog icebergCatalog() {
    return ((HasIcebergCatalog) spark.sessionState().catalogManager().catalog(catalog)).icebergCatalog();
  }

  private static TableIdentifier identifier(TableId id) {
    return TableIdentifier.of(id.namespace(), id.name());
  }

  /** The table's snapshots in sequence order. */
  private static List<Snapshot> snapshots(Table table) {
    return StreamSupport.stream(table.snapshots().spliterator(), false)
        .sorted(Comparator.comparingLong(Snapshot::sequenceNumber)).toList();
  }

  private Snapshot snapshot(Table table, long version) {
    List<Snapshot> snapshots = snapshots(table);
    return snapshots.stream().filter(s -> s.sequenceNumber() == version).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Iceberg table " + table.name() + " has no version " + version
            + " (it keeps versions " + (snapshots.isEmpty() ? "none" : snapshots.get(0).sequenceNumber() + " to "
            + snapshots.get(snapshots.size() - 1).sequenceNumber()) + "): it was expired, or never written"));
  }
}

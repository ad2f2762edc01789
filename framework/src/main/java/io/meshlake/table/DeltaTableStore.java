package io.meshlake.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import io.meshlake.api.TableId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The Delta {@link TableStore}, and where the platform's own tables live: each table is a Delta table at
 * {@code <warehouse>/<namespace>/<name>}, registered in the Spark catalog under {@code <namespace>.<name>}
 * so analysts can query it with SQL. The warehouse folder is the source of truth; {@link #registerAll()} re-attaches it in a new session.
 */
public final class DeltaTableStore implements TableStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark;
  private final Path warehouse;
  private final TableWrites writes = new DeltaWrites(this);

  public DeltaTableStore(SparkSession spark, String warehouse) {
    this.spark = spark;
    try {
      Path path = new Path(warehouse);
      this.warehouse = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open warehouse " + warehouse, e);
    }
  }

  /** The session tables are read and written with. */
  @Override
  public SparkSession spark() {
    return spark;
  }

  /** The warehouse folder, qualified (e.g. {@code file:/data/warehouse}). */
  public String warehouse() {
    return warehouse.toString();
  }

  /** The table's folder. */
  @Override
  public String location(TableId id) {
    return location(id.namespace(), id.name());
  }

  /** The folder of any table in the warehouse, including the platform's own. */
  public String location(String namespace, String name) {
    return new Path(new Path(warehouse, namespace), name).toString();
  }

  /** Whether the table has been created. */
  @Override
  public boolean exists(TableId id) {
    return exists(id.namespace(), id.name());
  }

  /** Whether a table of any namespace, including the platform's, has been created. */
  public boolean exists(String namespace, String name) {
    return latestVersion(location(namespace, name)).isPresent();
  }

  /** The table's latest version, if it exists. */
  @Override
  public Optional<Long> version(TableId id) {
    return latestVersion(location(id));
  }

  /**
   * The latest committed version of the Delta table at a location, from the names of its commit files
   * ({@code _delta_log/<20-digit version>.json}, as the Delta protocol names them). A listing, not a
   * Spark job, so checking whether anything changed costs milliseconds.
   */
  public Optional<Long> latestVersion(String location) {
    Path log = new Path(location, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return Optional.empty();
      }
      long latest = -1;
      for (FileStatus file : fs.listStatus(log)) {
        String name = file.getPath().getName();
        if (name.length() == 25 && name.endsWith(".json") && name.chars().limit(20).allMatch(Character::isDigit)) {
          latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
        }
      }
      return latest < 0 ? Optional.empty() : Optional.of(latest);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Delta log of " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the existing Delta table at a location holds no data files: from its latest commit's checksum
   * file when Delta wrote one (no Spark job), else by reading the table.
   */
  public boolean isEmpty(String location) {
    Option<VersionChecksum> checksum = DeltaLog.forTable(spark, location)
        .update(false, Option.empty(), Option.empty()).checksumOpt();
    return checksum.isDefined() ? checksum.get().numFiles() == 0 : spark.read().format("delta").load(location).isEmpty();
  }

  /**
   * The latest commit of an existing table, read from its commit file's {@code commitInfo} action
   * (operation and metrics, as {@code DESCRIBE HISTORY} shows them) without a Spark job.
   */
  @Override
  public Commit lastCommit(TableId id) {
    long version = version(id).orElseThrow(() -> new IllegalStateException(id + " does not exist"));
    return commit(location(id), version).orElse(new Commit(version, "UNKNOWN", Map.of(), ""));
  }

  /** The latest commit of the Delta table at a location, if it exists and its commit file is still there. */
  public Optional<Commit> lastCommit(String location) {
    return latestVersion(location).flatMap(version -> commit(location, version));
  }

  /** The commits after {@code afterVersion} whose commit files are still in the log, oldest first. */
  @Override
  public List<Commit> commitsAfter(TableId id, long afterVersion) {
    return commitsAfter(location(id), afterVersion);
  }

  /** The commits of the Delta table at a location after {@code afterVersion} still in its log, oldest first. */
  public List<Commit> commitsAfter(String location, long afterVersion) {
    List<Commit> commits = new ArrayList<>();
    long latest = latestVersion(location).orElse(-1L);
    for (long v = afterVersion + 1; v <= latest; v++) {
      commit(location, v).ifPresent(commits::add);
    }
    return commits;
  }

  /** A commit of the Delta table at a location, if its commit file is still in the log. */
  public Optional<Commit> commit(String location, long version) {
    Path commitFile = new Path(new Path(location, "_delta_log"), String.format("%020d.json", version));
    try {
      FileSystem fs = commitFile.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(commitFile)) {
        return Optional.empty();
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(commitFile), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          JsonNode info = JSON.readTree(line).get("commitInfo");
          if (info != null) {
            Map<String, String> metrics = new HashMap<>();
            info.path("operationMetrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new Commit(version, info.path("operation").asText(), metrics,
                info.path("userMetadata").asText("")));
          }
        }
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read commit " + version + " of " + location + ": " + e.getMessage(), e);
    }
  }

  /** The table as of a version. */
  @Override
  public Dataset<Row> read(TableId id, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(id));
  }

  /** The table's properties (TBLPROPERTIES), from its latest snapshot's metadata. */
  @Override
  public Map<String, String> properties(TableId id) {
    return new HashMap<>(scala.collection.JavaConverters.mapAsJavaMap(metadata(id).configuration()));
  }

  /** {@code delta.`<location>`}. */
  @Override
  public String sqlName(TableId id) {
    return "delta.`" + location(id).replace("`", "``") + "`";
  }

  /** The table's comment (Delta's table description), empty when it has none. */
  @Override
  public String description(TableId id) {
    String description = metadata(id).description();
    return description == null ? "" : description;
  }

  /** The table's schema, with its column comments, as of its latest version. */
  @Override
  public StructType schema(TableId id) {
    return metadata(id).schema();
  }

  /**
   * The latest snapshot's metadata action. Delta keeps it from the log (and the commit's checksum file)
   * without running a Spark job, where {@code DESCRIBE DETAIL} reconstructs the table's state: on a
   * gold publication that was 1-3 s for each read of the properties.
   */
  private Metadata metadata(TableId id) {
    return DeltaLog.forTable(spark, location(id)).update(false, Option.empty(), Option.empty()).metadata();
  }

  /** Sets table properties in one commit. */
  @Override
  public void setProperties(TableId id, Map<String, String> properties) {
    StringBuilder sql = new StringBuilder("ALTER TABLE delta.`" + location(id) + "` SET TBLPROPERTIES (");
    String sep = "";
    for (Map.Entry<String, String> e : properties.entrySet()) {
      sql.append(sep).append(literal(e.getKey())).append(" = ").append(literal(e.getValue()));
      sep = ", ";
    }
    spark.sql(sql.append(")").toString());
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }

  /**
   * The rows inserted into an append-only table after {@code afterVersion} up to {@code upToVersion},
   * from Delta's change data feed (enabled on every table this store creates).
   */
  @Override
  public Dataset<Row> insertedRows(TableId id, long afterVersion, long upToVersion) {
    return changes(id, afterVersion, upToVersion).where("_change_type = 'insert'")
        .drop("_change_type", "_commit_version", "_commit_timestamp");
  }

  /**
   * Every row changed after {@code afterVersion} up to {@code upToVersion} (inserted, deleted, and both
   * images of updated rows), with Delta's {@code _change_type} column.
   */
  @Override
  public Dataset<Row> changes(TableId id, long afterVersion, long upToVersion) {
    if (afterVersion >= upToVersion) { // nothing committed since: Delta refuses a start after the latest version
      return spark.read().format("delta").option("versionAsOf", upToVersion).load(location(id)).limit(0)
          .withColumn("_change_type", org.apache.spark.sql.functions.lit(null).cast("string"))
          .withColumn("_commit_version", org.apache.spark.sql.functions.lit(null).cast("long"))
          .withColumn("_commit_timestamp", org.apache.spark.sql.functions.lit(null).cast("timestamp"));
    }
    return spark.read().format("delta")
        .option("readChangeFeed", "true")
        .option("startingVersion", afterVersion + 1)
        .option("endingVersion", upToVersion)
        .load(location(id));
  }

  /**
   * Creates the table empty if it does not exist, with its schema, partitioning, comment and
   * properties, and registers it in the catalog.
   */
  @Override
  public void create(TableId id, StructType schema, List<String> partitionBy, String comment, Map<String, String> properties) {
    create(id.namespace(), id.name(), schema, partitionBy, comment, properties);
  }

  /** As {@link #create(TableId, StructType, List, String, Map)}, for any namespace. */
  public void create(String namespace, String name, StructType schema, List<String> partitionBy, String comment,
      Map<String, String> properties) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + namespace);
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
        .tableName(namespace + "." + name)
        .location(location(namespace, name))
        .addColumns(schema)
        .property("delta.enableChangeDataFeed", "true")
        // MERGE, DELETE and key replacement mark replaced rows instead of rewriting whole files.
        .property("delta.enableDeletionVectors", "true");
    if (!partitionBy.isEmpty()) {
      builder = builder.partitionedBy(partitionBy.toArray(String[]::new));
    }
    if (comment != null && !comment.isBlank()) {
      builder = builder.comment(comment);
    }
    for (Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }

  /** Delta's data commits, by the tables' paths. */
  @Override
  public TableWrites writes() {
    return writes;
  }

  /**
   * Registers every Delta table found in the warehouse whose qualified name {@code include} accepts
   * (idempotent). Returns the qualified names.
   */
  public List<String> registerAll(java.util.function.Predicate<String> include) {
    List<String> registered = new ArrayList<>();
    try {
      FileSystem fs = warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(warehouse)) {
        return registered;
      }
      for (FileStatus namespace : fs.listStatus(warehouse)) {
        if (!namespace.isDirectory()) {
          continue;
        }
        for (FileStatus table : fs.listStatus(namespace.getPath())) {
          if (fs.exists(new Path(table.getPath(), "_delta_log"))) {
            String ns = namespace.getPath().getName();
            String name = table.getPath().getName();
            if (!include.test(ns + "." + name)) {
              continue;
            }
            register(ns, name);
            registered.add(ns + "." + name);
          }
        }
      }
      return registered;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list warehouse " + warehouse, e);
    }
  }

  /** Registers one existing table in the catalog (idempotent). */
  public void register(String namespace, String name) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + namespace);
    spark.sql("CREATE TABLE IF NOT EXISTS " + namespace + "." + name + " USING delta LOCATION '"
        + location(namespace, name).replace("'", "\\'") + "'");
  }
}

package io.meshlake.run;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.TableId;
import io.meshlake.ingest.IngestedFile;
import io.meshlake.table.DeltaTableStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The platform table {@code meshlake_platform.run_log}: one row per table build of every run. It is
 * also the ingest ledger (which file contents each bronze table has taken) and the memory of which
 * input versions each table was last built from.
 */
public final class RunLog {
  /** The platform's namespace; no domain may use it. */
  public static final String NAMESPACE = "meshlake_platform";
  /** The run log's table name. */
  public static final String TABLE = "run_log";

  // Delta refuses NOT NULL inside arrays and maps, so nested fields are declared nullable.
  private static final StructType FILE = DataTypes.createStructType(List.of(
      DataTypes.createStructField("path", DataTypes.StringType, true),
      DataTypes.createStructField("checksum", DataTypes.StringType, true),
      DataTypes.createStructField("size", DataTypes.LongType, true),
      DataTypes.createStructField("modified_at", DataTypes.LongType, true),
      DataTypes.createStructField("file_version", DataTypes.IntegerType, true),
      DataTypes.createStructField("rows_in", DataTypes.LongType, true),
      DataTypes.createStructField("rows_out", DataTypes.LongType, true),
      DataTypes.createStructField("rows_quarantined", DataTypes.LongType, true)));

  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("domain", DataTypes.StringType, false),
      DataTypes.createStructField("table_name", DataTypes.StringType, false),
      DataTypes.createStructField("layer", DataTypes.StringType, false),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
      DataTypes.createStructField("ended_at", DataTypes.TimestampType, false),
      DataTypes.createStructField("rows_in", DataTypes.LongType, false),
      DataTypes.createStructField("rows_out", DataTypes.LongType, false),
      DataTypes.createStructField("rows_quarantined", DataTypes.LongType, false),
      DataTypes.createStructField("input_versions",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true), false),
      DataTypes.createStructField("output_version", DataTypes.LongType, true),
      DataTypes.createStructField("files", DataTypes.createArrayType(FILE, true), false),
      DataTypes.createStructField("message", DataTypes.StringType, false)));

  private final DeltaTableStore store;
  private RunLogState state;

  public RunLog(DeltaTableStore store) {
    this.store = store;
  }

  private String location() {
    return store.location(NAMESPACE, TABLE);
  }

  /** Appends the builds of a run in one commit. */
  public void record(List<TableBuild> builds) {
    if (builds.isEmpty()) {
      return;
    }
    RunLogState before = load();
    if (before.version() < 0) {
      store.create(NAMESPACE, TABLE, SCHEMA, List.of(), "One row per table build of every meshlake run", Map.of());
    }
    List<Row> rows = new ArrayList<>();
    for (TableBuild b : builds) {
      List<Row> files = new ArrayList<>();
      for (IngestedFile f : b.files()) {
        files.add(RowFactory.create(f.path(), f.checksum(), f.size(), f.modifiedAt(), f.fileVersion(),
            f.rowsIn(), f.rowsOut(), f.rowsQuarantined()));
      }
      rows.add(RowFactory.create(b.runId(), b.table().domain(), b.table().qualifiedName(), b.table().layer().label(),
          b.status().name(), Timestamp.from(b.startedAt()), Timestamp.from(b.endedAt()), b.rowsIn(), b.rowsOut(),
          b.rowsQuarantined(), JavaConverters.mapAsScalaMap(new HashMap<>(b.inputVersions())),
          b.outputVersion().orElse(null), files, b.message()));
    }
    store.spark().createDataFrame(rows, SCHEMA).coalesce(1)
        .write().format("delta").mode("append").save(location());
    long created = before.version() < 0 ? 1 : 0;
    if (store.latestVersion(location()).orElse(-1L) == before.version() + 1 + created) {
      // Only this commit happened since the state was read: extend it instead of reading the table again.
      state = before.plus(builds, before.version() + 1 + created);
      state.write(cachePath(), store.spark().sparkContext().hadoopConfiguration());
    } else {
      state = null;
    }
  }

  /** The latest successful build of a table, if any. */
  public Optional<TableBuild> lastSuccess(TableId table) {
    return Optional.ofNullable(load().lastSuccess().get(table.qualifiedName()));
  }

  /** The files a bronze table has ingested, by path, with the latest content ingested under each. */
  public Map<String, IngestedFile> ingestedFiles(TableId table) {
    return load().ingested().getOrDefault(table.qualifiedName(), Map.of());
  }

  /**
   * The latest content of each file ingested into these tables, where a successful build that ended after
   * {@code since} ingested it (none before the first run).
   */
  public List<IngestedFile> latestFilesIngestedSince(Set<TableId> tables, Instant since) {
    RunLogState s = load();
    List<IngestedFile> files = new ArrayList<>();
    for (TableId table : tables) {
      Map<String, Instant> at = s.ingestedAt().getOrDefault(table.qualifiedName(), Map.of());
      s.ingested().getOrDefault(table.qualifiedName(), Map.of()).values().stream()
          .filter(f -> at.get(f.path()).isAfter(since)).forEach(files::add);
    }
    return files;
  }

  private RunLogState load() {
    if (state != null) {
      return state;
    }
    Optional<Long> version = store.latestVersion(location());
    if (version.isEmpty()) {
      state = RunLogState.EMPTY;
      return state;
    }
    Path cache = cachePath();
    var conf = store.spark().sparkContext().hadoopConfiguration();
    state = RunLogState.read(cache, version.get(), conf).orElseGet(() -> {
      RunLogState fresh = readTable(version.get());
      fresh.write(cache, conf);
      return fresh;
    });
    return state;
  }

  private Path cachePath() {
    return new Path(store.location(NAMESPACE, TABLE + "_state.json"));
  }

  private RunLogState readTable(long version) {
    List<TableBuild> builds = store.spark().read().format("delta").option("versionAsOf", version).load(location())
        .where(col("status").equalTo(BuildStatus.SUCCEEDED.name()))
        .orderBy(col("ended_at"))
        .collectAsList().stream().map(RunLog::fromRow).toList();
    return RunLogState.EMPTY.plus(builds, version);
  }

  private static TableBuild fromRow(Row row) {
    List<IngestedFile> files = new ArrayList<>();
    for (Row f : row.<Row>getList(row.fieldIndex("files"))) {
      files.add(file(f));
    }
    Map<String, Long> versions = new HashMap<>(JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("input_versions"))));
    Object output = row.get(row.fieldIndex("output_version"));
    return new TableBuild(row.getString(0), TableId.parse(row.getString(2)), BuildStatus.valueOf(row.getString(4)),
        toInstant(row.get(5)), toInstant(row.get(6)), row.getLong(7), row.getLong(8), row.getLong(9), versions,
        Optional.ofNullable((Long) output), files, row.getString(13));
  }

  /** A file of the run log's {@code files} column. */
  private static IngestedFile file(Row f) {
    return new IngestedFile(f.getString(0), f.getString(1), f.getLong(2), f.getLong(3), f.getInt(4), f.getLong(5),
        f.getLong(6), f.getLong(7));
  }

  private static Instant toInstant(Object value) {
    return value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
  }
}

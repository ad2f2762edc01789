package io.meshlake.table;

import io.meshlake.api.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What a run needs of the table format of one data table (bronze, silver, gold): whether it exists, its
 * versions, reads as of a version, the rows changed between two versions, its commits' metrics, its
 * properties, and its creation. {@link DeltaTableStore} is the Delta implementation; an Iceberg one
 * (a Hadoop or JDBC catalog, see {@code Sessions}) is to give the same behaviour.
 *
 * <p><b>Versions.</b> A version is a {@code long} that grows with every commit that changes the table's
 * data, so the run log can record "read up to version v" and compare versions. Delta's versions are
 * 0, 1, 2, ...; an Iceberg store uses the snapshot's <em>sequence number</em> (format v2: 1, 2, 3, ... on
 * the main branch), never the snapshot id (a random long that does not order), and resolves a version
 * to the snapshot with that sequence number when it reads. Unlike Delta, an Iceberg property change
 * makes no snapshot, so it does not move the version.
 *
 * <p><b>Writes</b> stay in {@link TableWriter} for now; each of its modes is one commit, so a failure
 * leaves the table as it was. The mapping of each operation to Iceberg:
 *
 * <table>
 *   <caption>Delta operation and its Iceberg equivalent</caption>
 *   <tr><th>Delta (today)</th><th>Iceberg</th></tr>
 *   <tr><td>{@link #version}: highest {@code _delta_log/NNN.json}</td>
 *       <td>current snapshot's sequence number (table metadata, no Spark job)</td></tr>
 *   <tr><td>{@link #read}: {@code versionAsOf}</td>
 *       <td>{@code snapshot-id} read option (or {@code VERSION AS OF <snapshot id>}) of the snapshot with
 *       that sequence number</td></tr>
 *   <tr><td>{@link #insertedRows}: change data feed, {@code _change_type = 'insert'}</td>
 *       <td>incremental append scan: {@code start-snapshot-id} (exclusive) / {@code end-snapshot-id}
 *       read options. It silently skips every non-{@code append} snapshot (a MERGE's inserted rows are
 *       missing, where Delta's feed has them), so the store must check that every snapshot in the range is
 *       an {@code append} and otherwise take the changelog's INSERT rows</td></tr>
 *   <tr><td>{@link #changes}: change data feed with {@code _change_type}</td>
 *       <td>{@code CALL iceberg.system.create_changelog_view(...)} or the {@code changes} metadata table;
 *       {@code _change_type} is INSERT / DELETE / UPDATE_BEFORE / UPDATE_AFTER. The changelog scan does
 *       not read delete files: tables must stay copy-on-write ({@code write.merge.mode},
 *       {@code write.update.mode}, {@code write.delete.mode} = {@code copy-on-write})</td></tr>
 *   <tr><td>{@link #lastCommit}, {@link #commitsAfter}: {@code commitInfo} operation and metrics</td>
 *       <td>snapshot {@code operation} and {@code summary} ({@code added-records}, {@code deleted-records},
 *       {@code added-data-files}, ...) mapped to the metric names the runner reads
 *       ({@code numOutputRows}; MERGE's {@code numSourceRows}, {@code numTargetRowsInserted},
 *       {@code numTargetRowsUpdated} have no Iceberg counterpart and must be counted by the writer);
 *       user metadata: a snapshot summary entry, set with the {@code snapshot-property.<key>} write option
 *       or, around SQL {@code MERGE}, {@code CommitMetadata.withCommitProperties}</td></tr>
 *   <tr><td>{@link #properties}, {@link #setProperties}: TBLPROPERTIES</td>
 *       <td>table properties ({@code ALTER TABLE ... SET TBLPROPERTIES}, or {@code Table.updateProperties()})</td></tr>
 *   <tr><td>{@link #create}: {@code DeltaTable.createIfNotExists}, CDF and deletion vectors on</td>
 *       <td>{@code CREATE TABLE IF NOT EXISTS iceberg.ns.t ... USING iceberg PARTITIONED BY (...)} with
 *       {@code format-version=2} and copy-on-write modes</td></tr>
 *   <tr><td>append with {@code mergeSchema}</td><td>{@code writeTo(t).append()}; schema evolution needs
 *       {@code write.spark.accept-any-schema=true} and the {@code merge-schema} write option</td></tr>
 *   <tr><td>MERGE on keys ({@code DeltaTable.merge})</td><td>SQL {@code MERGE INTO} (needs Iceberg's SQL
 *       extensions; a target row matched by two source rows fails, as in Delta)</td></tr>
 *   <tr><td>overwrite of affected partitions ({@code partitionOverwriteMode=dynamic})</td>
 *       <td>{@code writeTo(t).overwritePartitions()}</td></tr>
 *   <tr><td>{@code replaceKeys} ({@code replaceWhere})</td><td>{@code writeTo(t).overwrite(condition)}</td></tr>
 *   <tr><td>SCD2 (one MERGE of staged rows)</td><td>the same staged MERGE in SQL</td></tr>
 *   <tr><td>gold guard: {@code GuardedLogStore} refuses the commit file</td>
 *       <td>a catalog that refuses the commit: a {@code HadoopCatalog} (or {@code JdbcCatalog}) subclass as
 *       {@code catalog-impl} whose table operations call {@code GoldGuard.check} in {@code commit}. Writes
 *       by path ({@code format("iceberg").save(path)}) go through {@code HadoopTables}, not the catalog,
 *       and escape it; in SQL {@code iceberg.`/path`} is a file query that Spark refuses for Iceberg</td></tr>
 * </table>
 */
public interface TableStore {
  /** The session tables are read and written with. */
  SparkSession spark();

  /** The table's folder. */
  String location(TableId id);

  /** Whether the table has been created. */
  boolean exists(TableId id);

  /** The table's latest version, if it exists. */
  Optional<Long> version(TableId id);

  /** The latest commit of an existing table. */
  Commit lastCommit(TableId id);

  /** The commits after {@code afterVersion} that the table still remembers, oldest first. */
  List<Commit> commitsAfter(TableId id, long afterVersion);

  /** The table as of a version. */
  Dataset<Row> read(TableId id, long version);

  /** The table's properties, from its latest version. */
  Map<String, String> properties(TableId id);

  /** Sets table properties in one commit. */
  void setProperties(TableId id, Map<String, String> properties);

  /** The rows inserted into an append-only table after {@code afterVersion} up to {@code upToVersion}. */
  Dataset<Row> insertedRows(TableId id, long afterVersion, long upToVersion);

  /**
   * Every row changed after {@code afterVersion} up to {@code upToVersion}, with a {@code _change_type}
   * column; the runner reads only the rows' keys.
   */
  Dataset<Row> changes(TableId id, long afterVersion, long upToVersion);

  /**
   * Creates the table empty if it does not exist, with its schema, partitioning, comment and properties,
   * and registers it in the catalog.
   */
  void create(TableId id, StructType schema, List<String> partitionBy, String comment, Map<String, String> properties);

  /** The data commits of this store's format, for {@link TableWriter}. */
  TableWrites writes();
}

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
 * properties, its creation, and its data commits ({@link #writes()}, which {@link TableWriter} uses).
 * {@link DeltaTableStore} is the Delta implementation, {@link IcebergTableStore} the Iceberg one (tables
 * {@code iceberg.<domain>_<layer>.<name>} in the session's Iceberg catalog, see {@code Sessions}).
 *
 * <p><b>Versions.</b> A version is a {@code long} that grows with every commit that changes the table's
 * data, so the run log can record "read up to version v" and compare versions. Delta's versions are
 * 0 (the creation), 1, 2, ...; Iceberg's are the snapshots' <em>sequence numbers</em> (format v2: 1, 2,
 * 3, ...; 0 for a table created and not yet written), never the snapshot ids (random longs that do not
 * order), resolved to the snapshot with that sequence number on reads. So the first data commit is
 * version 1 in both.
 *
 * <p><b>Writes</b> ({@link TableWrites}) are each one commit, so a failure leaves the table as it was.
 * The mapping of each operation:
 *
 * <table>
 *   <caption>Delta operation and its Iceberg equivalent</caption>
 *   <tr><th>Delta</th><th>Iceberg</th></tr>
 *   <tr><td>{@link #version}: highest {@code _delta_log/NNN.json}</td>
 *       <td>current snapshot's sequence number (table metadata, no Spark job)</td></tr>
 *   <tr><td>{@link #read}: {@code versionAsOf}</td>
 *       <td>{@code snapshot-id} read option of the snapshot with that sequence number</td></tr>
 *   <tr><td>{@link #insertedRows}: change data feed, {@code _change_type = 'insert'}</td>
 *       <td>incremental append scan ({@code start-snapshot-id} exclusive, {@code end-snapshot-id}) when
 *       every snapshot in the range is an {@code append}; it silently skips any other (a MERGE's inserted
 *       rows), so otherwise the changelog's inserted rows</td></tr>
 *   <tr><td>{@link #changes}: change data feed</td>
 *       <td>{@code CALL iceberg.system.create_changelog_view(...)} (carried-over rows removed), its
 *       {@code _change_type} mapped to Delta's names and its snapshot ids to {@code _commit_version} /
 *       {@code _commit_timestamp}. The changelog scan reads no delete files, so tables are copy-on-write
 *       ({@code write.merge.mode}, {@code write.update.mode}, {@code write.delete.mode})</td></tr>
 *   <tr><td>{@link #lastCommit}, {@link #commitsAfter}: {@code commitInfo} operation and metrics</td>
 *       <td>snapshot summary: {@code added-records} as {@code numOutputRows}, {@code added-data-files} as
 *       {@code numFiles}, {@code deleted-data-files} as {@code numRemovedFiles} (and, for a MERGE,
 *       {@code numTargetFilesAdded} / {@code numTargetFilesRemoved}); the operation ({@code WRITE},
 *       {@code MERGE}), MERGE's {@code numSourceRows}, {@code numTargetRowsInserted} and
 *       {@code numTargetRowsUpdated}, and the user metadata are summary entries the writes add
 *       ({@code CommitMetadata.withCommitProperties})</td></tr>
 *   <tr><td>{@link #properties}, {@link #setProperties}: TBLPROPERTIES</td>
 *       <td>table properties ({@code Table.updateProperties()})</td></tr>
 *   <tr><td>{@link #create}: {@code DeltaTable.createIfNotExists}, CDF and deletion vectors on</td>
 *       <td>the Iceberg catalog's {@code buildTable}: format v2, copy-on-write, identity partitions,
 *       {@code comment} property</td></tr>
 *   <tr><td>append with {@code mergeSchema}</td><td>new columns added to the schema first (a metadata
 *       commit), then {@code writeTo(t).append()}</td></tr>
 *   <tr><td>MERGE on keys ({@code DeltaTable.merge})</td><td>SQL {@code MERGE INTO} from a temporary view,
 *       with explicit column lists</td></tr>
 *   <tr><td>overwrite of affected partitions ({@code partitionOverwriteMode=dynamic})</td>
 *       <td>{@code writeTo(t).overwritePartitions()}</td></tr>
 *   <tr><td>overwrite with {@code overwriteSchema}</td><td>{@code writeTo(t).overwrite(true)}; when the
 *       columns change, {@code createOrReplace()} (a replacement keeping history and properties)</td></tr>
 *   <tr><td>{@code replaceKeys} ({@code replaceWhere})</td><td>one MERGE deleting the keys' rows and
 *       inserting the new ones ({@code writeTo(t).overwrite(condition)} refuses files that also hold
 *       other keys' rows)</td></tr>
 *   <tr><td>SCD2 (one MERGE of staged rows)</td><td>the same staged MERGE in SQL</td></tr>
 *   <tr><td>user metadata: {@code commitInfo.userMetadata} session setting</td>
 *       <td>a snapshot summary entry, set for the writing thread</td></tr>
 *   <tr><td>gold guard: {@code GuardedLogStore} refuses the commit file</td>
 *       <td>the catalog refuses the commit: it is {@code GuardedHadoopCatalog} or {@code GuardedJdbcCatalog}
 *       ({@code catalog-impl}), whose table operations call {@code GoldGuard.check} in {@code commit} (every
 *       creation, replacement, data or metadata change). {@code DROP TABLE} commits nothing and is not
 *       refused. Writes by path ({@code format("iceberg").save(path)}) do not use the catalog (they fail unless
 *       a session configures {@code spark.sql.catalog.default_iceberg}, and then escape it through
 *       {@code HadoopTables}), so the Iceberg store writes only by catalog name</td></tr>
 * </table>
 *
 * <p><b>What stays different.</b>
 * <ul>
 *   <li>An Iceberg property change ({@link #setProperties}) and a schema change make no snapshot, so they
 *       do not move the version; Delta's make a version.</li>
 *   <li>Iceberg's changelog has no row identity here, so an updated row is a {@code delete} and an
 *       {@code insert} (Delta: {@code update_preimage} / {@code update_postimage}); {@link #insertedRows}
 *       over a range holding a MERGE that updated rows includes their new images. Both are exact for
 *       append-only tables, and {@link #changes} gives the same changed keys.</li>
 *   <li>MERGE metrics are counted by Iceberg's writes with one aggregation over the source joined with the
 *       target (an extra job Delta does not need); file metrics depend on each format's file layout.</li>
 *   <li>A MERGE does not add the source's new columns in Delta unless schema auto-merge is on (the
 *       platform turns it on); the Iceberg writes add them before the MERGE, in a metadata commit that a
 *       failed MERGE does not undo.</li>
 *   <li>Iceberg columns are all optional (Iceberg refuses at analysis to write a nullable column into a
 *       required one); Delta keeps the first write's NOT NULL columns and checks values.</li>
 *   <li>An Iceberg overwrite that changes the columns is a table replacement: the snapshots before it are
 *       still readable by version, but Iceberg's incremental scans and changelog do not cross it.</li>
 *   <li>User metadata: Delta's is a session setting (every thread's commits meanwhile); Iceberg's applies to
 *       the writing thread's commits only.</li>
 * </ul>
 */
public interface TableStore {
  /** The session tables are read and written with. */
  SparkSession spark();

  /** The table's folder. */
  String location(TableId id);

  /** The name Spark SQL reads and alters the table by, e.g. {@code delta.`/w/claims_gold.x`} or {@code iceberg.claims_gold.x}. */
  String sqlName(TableId id);

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

  /** The table's current schema, with its columns' comments. */
  StructType schema(TableId id);

  /** The table's comment, empty when it has none. */
  String description(TableId id);

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

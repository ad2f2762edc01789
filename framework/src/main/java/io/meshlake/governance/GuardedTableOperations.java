package io.meshlake.governance;

import org.apache.hadoop.fs.Path;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * The table operations of {@link GuardedHadoopCatalog} and {@link GuardedJdbcCatalog}: the catalog's own,
 * which every call goes to, after {@link GoldGuard} has approved each commit — the table's creation
 * ({@code base} null), replacement and every later metadata change alike. A commit is checked at the table's
 * place in the catalog ({@code <warehouse>/<namespace>/<name>}, so a gold table given a location elsewhere is
 * still a gold table) and at the location the new metadata names (so no table puts its files in a gold
 * table's folder).
 */
final class GuardedTableOperations implements TableOperations {
  private final TableOperations delegate;
  private final Path home;

  /**
   * @param delegate the catalog's operations for the table
   * @param home the table's default location in the catalog, {@code <warehouse>/<namespace>/<name>}
   */
  GuardedTableOperations(TableOperations delegate, String home) {
    this.delegate = delegate;
    this.home = new Path(home);
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    // A new current snapshot may add rows; a commit of schema, properties or an empty table does not.
    boolean newSnapshot = metadata.currentSnapshot() != null && (base == null || base.currentSnapshot() == null
        || base.currentSnapshot().snapshotId() != metadata.currentSnapshot().snapshotId());
    GoldGuard.check(home, newSnapshot);
    GoldGuard.check(new Path(metadata.location()), newSnapshot);
    delegate.commit(base, metadata);
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public EncryptionManager encryption() {
    return delegate.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return delegate.locationProvider();
  }

  /** The catalog's temporary operations of a create or replace transaction, which refuse to commit. */
  @Override
  public TableOperations temp(TableMetadata uncommittedMetadata) {
    return delegate.temp(uncommittedMetadata);
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }

  @Override
  public boolean requireStrictCleanup() {
    return delegate.requireStrictCleanup();
  }
}

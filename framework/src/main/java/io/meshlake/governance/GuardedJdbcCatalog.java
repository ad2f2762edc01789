package io.meshlake.governance;

import io.meshlake.table.DefaultTableLocations;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The Iceberg catalog {@code iceberg} of a session whose environment says {@code iceberg.catalog: jdbc}
 * ({@code spark.sql.catalog.iceberg.catalog-impl}): Iceberg's JDBC catalog, whose every table commit
 * {@link GoldGuard} approves first, and which renames no table into or out of a gold namespace outside a
 * publication (a rename moves no file, so a silver table renamed would otherwise become a gold table
 * without a commit). See {@link GoldGuard} for what the guard covers.
 */
public final class GuardedJdbcCatalog extends JdbcCatalog implements DefaultTableLocations {
  @Override
  protected TableOperations newTableOps(TableIdentifier identifier) {
    return new GuardedTableOperations(super.newTableOps(identifier), defaultWarehouseLocation(identifier));
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    GoldGuard.check(new Path(defaultWarehouseLocation(from)));
    GoldGuard.check(new Path(defaultWarehouseLocation(to)));
    super.renameTable(from, to);
  }

  @Override
  public String defaultLocation(TableIdentifier table) {
    return defaultWarehouseLocation(table);
  }
}

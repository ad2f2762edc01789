package io.meshlake.governance;

import io.meshlake.table.DefaultTableLocations;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;

/**
 * The Iceberg catalog {@code iceberg} of a session whose environment says {@code iceberg.catalog: hadoop}
 * ({@code spark.sql.catalog.iceberg.catalog-impl}): Iceberg's Hadoop catalog, whose every table commit
 * {@link GoldGuard} approves first. A Hadoop table always lives at {@code <warehouse>/<namespace>/<name>}
 * (the catalog refuses other locations and renames). See {@link GoldGuard} for what the guard covers.
 */
public final class GuardedHadoopCatalog extends HadoopCatalog implements DefaultTableLocations {
  @Override
  protected TableOperations newTableOps(TableIdentifier identifier) {
    return new GuardedTableOperations(super.newTableOps(identifier), defaultWarehouseLocation(identifier));
  }

  @Override
  public String defaultLocation(TableIdentifier table) {
    return defaultWarehouseLocation(table);
  }
}

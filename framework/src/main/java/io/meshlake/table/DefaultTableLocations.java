package io.meshlake.table;

import org.apache.iceberg.catalog.TableIdentifier;

/**
 * An Iceberg catalog that says where it will put a table it has not created yet. The session's catalog
 * {@code iceberg} is one ({@code GuardedHadoopCatalog}, {@code GuardedJdbcCatalog}): its warehouse was fixed when
 * the session first used it, so only the catalog itself knows it for certain (a later
 * {@code spark.sql.catalog.iceberg.warehouse} setting in the session's conf does not move it).
 */
public interface DefaultTableLocations {
  /** The folder the catalog gives the table when it is created without a location. */
  String defaultLocation(TableIdentifier table);
}

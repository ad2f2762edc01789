package io.meshlake.spark;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;
import java.util.Locale;
import java.util.Optional;

/**
 * An environment's {@code iceberg:} section: which catalog keeps the Iceberg tables of the catalog
 * {@value Sessions#ICEBERG_CATALOG}. The JDBC catalog's password is never configuration: it comes from
 * {@value #PASSWORD_VARIABLE}.
 *
 * <pre>
 * iceberg:
 *   catalog: jdbc                                  # hadoop (the default) or jdbc
 *   uri: jdbc:postgresql://db:5432/meshlake        # the catalog's database, shared by every engine
 *   user: meshlake
 *   # warehouse: s3a://lake/iceberg                # data and metadata files; default &lt;warehouse&gt;/_iceberg
 * </pre>
 *
 * @param catalog {@code hadoop} (the default: the catalog is a folder tree, for one writer at a time) or
 *     {@code jdbc} (the catalog is a table in a database such as PostgreSQL, which commits atomically for
 *     every engine that shares it)
 * @param uri for {@code jdbc}: the database's JDBC URL, without a password
 * @param user for {@code jdbc}: the database user
 * @param warehouse where the tables' data and metadata files go; default the {@value Sessions#ICEBERG_FOLDER}
 *     folder of the environment's warehouse
 */
public record IcebergSettings(Catalog catalog, String uri, String user, String warehouse) {
  /** The environment variable holding the JDBC catalog's database password. */
  public static final String PASSWORD_VARIABLE = "MESHLAKE_ICEBERG_JDBC_PASSWORD";

  /** A Hadoop catalog in the environment's warehouse. */
  public static final IcebergSettings DEFAULT = new IcebergSettings(null, null, null, null);

  public IcebergSettings {
    catalog = catalog == null ? Catalog.HADOOP : catalog;
    if (catalog == Catalog.JDBC) {
      if (uri == null || uri.isBlank()) {
        throw new IllegalArgumentException("iceberg.uri is required with catalog: jdbc: set it to the catalog"
            + " database's JDBC URL, e.g. uri: jdbc:postgresql://db.example.org:5432/meshlake");
      }
      if (!uri.startsWith("jdbc:")) {
        throw new IllegalArgumentException("iceberg.uri must be a JDBC URL such as"
            + " jdbc:postgresql://db.example.org:5432/meshlake, got '" + uri + "'");
      }
      if (uri.toLowerCase(Locale.ROOT).contains("password=")) {
        throw new IllegalArgumentException("iceberg.uri must not carry a password: remove it from the URL and set"
            + " the environment variable " + PASSWORD_VARIABLE + " instead");
      }
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("iceberg.user is required with catalog: jdbc: set it to the database"
            + " user the catalog connects as, e.g. user: meshlake");
      }
    } else {
      jdbcOnly("uri", uri);
      jdbcOnly("user", user);
    }
    if (warehouse != null && warehouse.isBlank()) {
      throw new IllegalArgumentException("iceberg.warehouse must not be empty: leave it out for <warehouse>/"
          + Sessions.ICEBERG_FOLDER);
    }
  }

  /** The folder (or URI) of the tables' files, if the environment names one. */
  public Optional<String> warehouseLocation() {
    return Optional.ofNullable(warehouse);
  }

  /**
   * Where the catalog keeps its tables' files: {@code warehouse} if set, else the {@value Sessions#ICEBERG_FOLDER}
   * folder of the environment's warehouse. A table is at {@code <this>/<namespace>/<name>}.
   */
  public String tablesLocation(String environmentWarehouse) {
    return warehouseLocation().orElseGet(() -> IcebergCatalog.defaultWarehouse(environmentWarehouse));
  }

  private static void jdbcOnly(String key, String value) {
    if (value != null) {
      throw new IllegalArgumentException("iceberg." + key + " applies to catalog jdbc, but iceberg.catalog is hadoop:"
          + " remove " + key + ", or set catalog: jdbc");
    }
  }

  /** The kind of catalog. */
  public enum Catalog {
    /** Metadata in the warehouse's folders, committed by file renames. */
    HADOOP,
    /** Metadata pointers in a database table, committed by database transactions. */
    JDBC;

    /** The spelling in environment files. */
    @JsonValue
    public String label() {
      return Labels.label(this);
    }

    /** The constant an environment file names. */
    @JsonCreator
    public static Catalog of(String label) {
      return Labels.parse(values(), label, "iceberg.catalog");
    }
  }
}

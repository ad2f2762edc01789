package io.meshlake.table;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/** The table format a data product is kept in: Delta Lake (the default) or Apache Iceberg. */
public enum TableFormat {
  /** A Delta table at {@code <warehouse>/<namespace>/<name>}, see {@link DeltaTableStore}. */
  DELTA,
  /** A table {@code iceberg.<namespace>.<name>} of the session's Iceberg catalog, see {@link IcebergTableStore}. */
  ICEBERG;

  /** The spelling in contracts and environment files. */
  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** The constant a contract or environment file names. */
  @JsonCreator
  public static TableFormat of(String label) {
    return Labels.parse(values(), label, "table format");
  }
}

package io.meshlake.api;

import io.meshlake.ingest.ExtractFormat;
import java.util.List;
import java.util.Objects;

/**
 * A bronze table filled from the extract files of a format: a declared CSV layout, or FHIR resources of
 * some types. Each file is ingested once per content version; records that do not fit the format go to
 * the table's quarantine.
 */
public record IngestTable(TableId id, ExtractFormat format, String description) implements TableSpec {
  public IngestTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(format, "format");
    if (id.layer() != Layer.BRONZE) {
      throw new IllegalArgumentException("Ingest table " + id + " must be in the bronze layer");
    }
    description = description == null || description.isBlank()
        ? "Records as landed from " + format.describe()
        : description;
  }

  @Override
  public List<Input> inputs() {
    return List.of();
  }

  @Override
  public WriteMode writeMode() {
    return new WriteMode.Append();
  }

  /** The quarantine table beside this one, e.g. {@code claims_bronze.claims_raw_quarantine}. */
  public TableId quarantine() {
    return new TableId(id.domain(), Layer.BRONZE, id.name() + "_quarantine");
  }
}

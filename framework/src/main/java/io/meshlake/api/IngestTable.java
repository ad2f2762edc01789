package io.meshlake.api;

import io.meshlake.ingest.CsvLayout;
import java.util.List;
import java.util.Objects;

/**
 * A bronze table filled from extract files that match a declared layout. Each file is ingested once
 * per content version; rows that do not fit the layout go to the table's quarantine.
 */
public record IngestTable(TableId id, CsvLayout layout, String description) implements TableSpec {
  public IngestTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(layout, "layout");
    if (id.layer() != Layer.BRONZE) {
      throw new IllegalArgumentException("Ingest table " + id + " must be in the bronze layer");
    }
    description = description == null || description.isBlank()
        ? "Rows of " + layout.fileName() + " files as landed, typed by layout " + layout.name()
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

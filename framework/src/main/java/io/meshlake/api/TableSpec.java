package io.meshlake.api;

import java.util.List;

/** A declared table: what it is called, what it reads, and how it is written. */
public sealed interface TableSpec permits IngestTable, DerivedTable {

  /** The table's identity; its namespace is always its own domain's. */
  TableId id();

  /** Declared inputs; empty for bronze ingest, which reads files. */
  List<Input> inputs();

  /** How new data is written. */
  WriteMode writeMode();

  /** What the table holds, for the catalog and {@code DESCRIBE TABLE}. */
  String description();
}

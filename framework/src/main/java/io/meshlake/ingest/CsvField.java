package io.meshlake.ingest;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One column of a CSV layout: its header in the file, its type, and whether a row without a value is
 * malformed. In bronze it becomes the lower-case header ({@code PATIENTID} becomes {@code patientid}).
 */
public record CsvField(String header, FieldType type, boolean required) implements Serializable {
  public CsvField {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(type, "type");
  }

  /** The bronze column name. */
  public String column() {
    return header.toLowerCase(Locale.ROOT);
  }
}

package io.meshlake.contract;

import java.util.Objects;

/**
 * A column a data product promises.
 *
 * @param name the column name
 * @param type its Spark SQL type as {@code DESCRIBE} prints it, e.g. {@code string}, {@code date},
 *     {@code bigint}, {@code decimal(18,2)}
 * @param nullable whether consumers must expect empty values (the default); a required column
 *     ({@code false}) is checked complete before every publication
 * @param description what the value means
 * @param classification how sensitive it is
 */
public record ContractColumn(String name, String type, Boolean nullable, String description,
    Classification classification) {
  public ContractColumn {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A contract column needs a name");
    }
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("Column " + name + " needs a type, e.g. string, date, bigint, decimal(18,2)");
    }
    nullable = nullable == null || nullable;
    type = type.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("Column " + name + " needs a description: say what the value means");
    }
    Objects.requireNonNull(classification,
        () -> "Column " + name + " needs a classification: phi, pii, sensitive or none");
  }

  /** Whether every row must have a value. */
  public boolean required() {
    return !nullable;
  }
}

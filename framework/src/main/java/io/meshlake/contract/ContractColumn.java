package io.meshlake.contract;

import io.meshlake.governance.IdentifierCategory;
import io.meshlake.governance.IdentifierKind;
import java.util.Objects;
import java.util.Optional;

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
 * @param identifier what the value identifies, if it is an identifier (e.g. {@code member}): governance
 *     policies may replace it by a keyed pseudonym, the same in every domain, and the column of the
 *     policies' person kind is the product's person key (consent, per-patient date shifts)
 * @param safeHarbor which of HIPAA Safe Harbor's 18 identifier categories the value belongs to, if any
 *     (e.g. {@code names}, {@code dates}): policies mask, generalise or de-identify it accordingly
 */
public record ContractColumn(String name, String type, Boolean nullable, String description,
    Classification classification, IdentifierKind identifier, IdentifierCategory safeHarbor) {
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

  /** A column without governance hints. */
  public ContractColumn(String name, String type, Boolean nullable, String description, Classification classification) {
    this(name, type, nullable, description, classification, null, null);
  }

  /** What the value identifies, if it is an identifier. */
  public Optional<IdentifierKind> identifierKind() {
    return Optional.ofNullable(identifier);
  }

  /** Its Safe Harbor identifier category, if it has one. */
  public Optional<IdentifierCategory> safeHarborCategory() {
    return Optional.ofNullable(safeHarbor);
  }

  /** Whether every row must have a value. */
  public boolean required() {
    return !nullable;
  }
}

package io.meshlake.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a gold data product promises its consumers, read from
 * {@code src/main/resources/meshlake/<domain>/contracts/<product>.yaml} in the domain module: owner,
 * meaning, version, schema with classifications, SLOs and known consumers. The platform checks every
 * publication against it.
 *
 * @param product the product's table name
 * @param domain the owning domain
 * @param owner the owning team's address
 * @param description what the product holds and how each measure is computed
 * @param version the contract's semantic version
 * @param primaryKey the columns that identify a row (checked unique before publication); may be empty
 * @param columns the promised columns, in order
 * @param slos the promised service levels
 * @param consumers who is known to rely on the product (domains, teams, reports)
 */
public record Contract(String product, String domain, String owner, String description, SemanticVersion version,
    List<String> primaryKey, List<ContractColumn> columns, List<Slo> slos, List<String> consumers) {

  public Contract {
    require(product, "product", "the product's table name");
    require(domain, "domain", "the owning domain");
    require(owner, "owner", "the owning team's address, e.g. claims-data-team@example.org");
    require(description, "description", "what the product holds and how each measure is computed");
    Objects.requireNonNull(version, "A contract needs a version: write MAJOR.MINOR.PATCH, e.g. 1.0.0");
    primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("Contract of " + product + " lists no columns: list every published column");
    }
    columns = List.copyOf(columns);
    slos = slos == null ? List.of() : List.copyOf(slos);
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
    Set<String> names = new HashSet<>();
    for (ContractColumn column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("Contract of " + product + " lists column " + column.name() + " twice");
      }
    }
    for (String key : primaryKey) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException("Primary key column " + key + " of " + product
            + " is not among its columns: add it to columns or fix the key");
      }
    }
    Set<SloKind> kinds = new HashSet<>();
    for (Slo slo : slos) {
      if (!kinds.add(slo.kind())) {
        throw new IllegalArgumentException("Contract of " + product + " states the " + slo.kind().label()
            + " SLO twice: state each kind once");
      }
    }
  }

  private static void require(String value, String field, String hint) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A contract needs '" + field + "': " + hint);
    }
  }

  /** The column with this name, if promised. */
  public Optional<ContractColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The SLO of this kind, if promised. */
  public Optional<Slo> slo(SloKind kind) {
    return slos.stream().filter(s -> s.kind() == kind).findFirst();
  }
}

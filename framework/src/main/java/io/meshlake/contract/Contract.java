package io.meshlake.contract;

import io.meshlake.table.TableFormat;
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
 * @param purpose why the product exists, one of the governance policy's purposes (e.g. {@code operations},
 *     {@code research}); a product whose purpose needs consent publishes only members who consented
 * @param aggregate for a product of counts over people, which column counts them over which dimensions,
 *     so governance can suppress small cells; absent for row-level products
 * @param format the table format the product is kept in ({@code delta} or {@code iceberg}); absent for the
 *     environment's default ({@link io.meshlake.table.FormatSettings}), which may also override it
 */
public record Contract(String product, String domain, String owner, String description, SemanticVersion version,
    List<String> primaryKey, List<ContractColumn> columns, List<Slo> slos, List<String> consumers, String purpose,
    Aggregate aggregate, TableFormat format) {

  /**
   * How an aggregate product counts people: {@code count} people in each cell of {@code rows} ×
   * {@code columns}; {@code alsoHide} are measures over the same people, hidden with a suppressed count.
   *
   * @param count the count column (an integer type)
   * @param rows the columns identifying a row of the table, e.g. {@code payer_id}
   * @param columns the columns identifying a column of the table, e.g. {@code month}; may be empty
   * @param alsoHide further measures hidden in suppressed cells
   */
  public record Aggregate(String count, List<String> rows, List<String> columns, List<String> alsoHide) {
    public Aggregate {
      if (count == null || count.isBlank()) {
        throw new IllegalArgumentException("An aggregate needs 'count': the column counting people in each cell");
      }
      if (rows == null || rows.isEmpty()) {
        throw new IllegalArgumentException("The aggregate of " + count + " needs 'rows': the columns identifying a row");
      }
      rows = List.copyOf(rows);
      columns = columns == null ? List.of() : List.copyOf(columns);
      alsoHide = alsoHide == null ? List.of() : List.copyOf(alsoHide);
    }

    /** Every column the aggregate names. */
    List<String> named() {
      List<String> named = new java.util.ArrayList<>(rows);
      named.addAll(columns);
      named.add(count);
      named.addAll(alsoHide);
      return named;
    }
  }

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
    if (aggregate != null) {
      for (String name : aggregate.named()) {
        if (!names.contains(name)) {
          throw new IllegalArgumentException("The aggregate of " + product + " names column " + name
              + ", which is not among its columns: fix the aggregate or add the column");
        }
      }
    }
    if (purpose != null && purpose.isBlank()) {
      purpose = null;
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

  /** Why the product exists, if the contract says. */
  public Optional<String> purposeName() {
    return Optional.ofNullable(purpose);
  }

  /** The table format the contract chooses, if it chooses one. */
  public Optional<TableFormat> tableFormat() {
    return Optional.ofNullable(format);
  }

  /** How the product counts people, if it is an aggregate. */
  public Optional<Aggregate> aggregation() {
    return Optional.ofNullable(aggregate);
  }

  /** The column holding identifiers of this kind (e.g. the person key), if there is exactly one. */
  public Optional<ContractColumn> identifierColumn(io.meshlake.governance.IdentifierKind kind) {
    List<ContractColumn> of = columns.stream().filter(c -> c.identifierKind().filter(kind::equals).isPresent()).toList();
    return of.size() == 1 ? Optional.of(of.get(0)) : Optional.empty();
  }

  /** The SLO of this kind, if promised. */
  public Optional<Slo> slo(SloKind kind) {
    return slos.stream().filter(s -> s.kind() == kind).findFirst();
  }
}

package io.meshlake.api;

import io.meshlake.contract.Contract;
import io.meshlake.contract.Contracts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Declares a silver table or gold product; added to a domain with {@link DomainSpec.Builder#silver}
 * or {@link DomainSpec.Builder#gold}, which fix its namespace.
 *
 * <pre>{@code
 * Table.named("claim_lines")
 *     .fromNewRowsOf("claims_transactions_raw")
 *     .transform(ClaimLines::typedAndDeduplicated)
 *     .merge("line_id")
 * }</pre>
 */
public final class Table {
  private final String name;
  private final List<Input> inputs = new ArrayList<>();
  private Transform transform;
  private String sqlPath;
  private String viewPath;
  private WriteMode writeMode;
  private List<String> partitionBy = List.of();
  private String incrementalKey;
  private String description;

  private Table(String name) {
    TableId.requireSnakeCase("table", name);
    this.name = name;
  }

  /** Starts the declaration of a table. */
  public static Table named(String name) {
    return new Table(name);
  }

  /**
   * A silver table that is a SQL on FHIR v2 view over a bronze FHIR table: the view's rows over the latest
   * version of each resource new since the last build, upserted on the view's key column. Short for
   * {@code named(name).fromNewRowsOf(bronze).view(viewPath).merge(key)}, for views giving one row per resource.
   */
  public static Table fhirView(String name, String bronze, String viewPath, String key) {
    return named(name).fromNewRowsOf(bronze).view(viewPath).merge(key);
  }

  /** Reads these inputs whole (as of the version the run pinned). */
  public Table from(String... references) {
    Arrays.stream(references).forEach(r -> inputs.add(new Input(r, ReadMode.SNAPSHOT)));
    return this;
  }

  /** Reads only the rows appended to these inputs since this table last read them. */
  public Table fromNewRowsOf(String... references) {
    Arrays.stream(references).forEach(r -> inputs.add(new Input(r, ReadMode.NEW_ROWS)));
    return this;
  }

  /** Computes the table with Java code over Datasets. */
  public Table transform(Transform transform) {
    this.transform = transform;
    return this;
  }

  /** Computes the table with the SQL file {@code src/main/resources/meshlake/<domain>/<path>}. */
  public Table sql(String path) {
    this.sqlPath = path;
    return this;
  }

  /**
   * Computes the table with the SQL on FHIR v2 ViewDefinition {@code src/main/resources/meshlake/<domain>/<path>}
   * over the latest version of each resource of the table's one input, a bronze FHIR table
   * ({@link ViewTransform}).
   */
  public Table view(String path) {
    this.viewPath = path;
    return this;
  }

  /** Upserts on these key columns. */
  public Table merge(String... keys) {
    this.writeMode = new WriteMode.Merge(List.of(keys));
    return this;
  }

  /** Keeps SCD2 history of the tracked columns per key. */
  public Table scd2(List<String> keys, List<String> tracked) {
    this.writeMode = new WriteMode.Scd2(keys, tracked);
    return this;
  }

  /** Replaces the whole table on every build. */
  public Table overwrite() {
    this.writeMode = new WriteMode.Overwrite();
    return this;
  }

  /** Replaces only the partitions present in the new data. */
  public Table overwritePartitions() {
    this.writeMode = new WriteMode.OverwritePartitions();
    return this;
  }

  /** Partitions the table by these columns. */
  public Table partitionBy(String... columns) {
    this.partitionBy = List.of(columns);
    return this;
  }

  /**
   * Declares that the table is computed per value of this column, which every input has (e.g.
   * {@code member_id}): incremental runs recompute and replace only the keys whose input rows changed.
   * Requires {@link #overwrite()}, which then applies to those keys only.
   */
  public Table incrementalBy(String keyColumn) {
    this.incrementalKey = keyColumn;
    return this;
  }

  /**
   * What a silver table holds. A gold product's description, owner and version live in its contract,
   * {@code src/main/resources/meshlake/<domain>/contracts/<product>.yaml}.
   */
  public Table description(String description) {
    this.description = description;
    return this;
  }

  DerivedTable build(String domain, Layer layer) {
    TableId id = new TableId(domain, layer, name);
    if ((transform != null ? 1 : 0) + (sqlPath != null ? 1 : 0) + (viewPath != null ? 1 : 0) > 1) {
      throw new IllegalArgumentException(
          id + " declares more than one of transform(...), sql(...) and view(...): keep one");
    }
    if (viewPath != null && inputs.size() != 1) {
      throw new IllegalArgumentException(id + " is a FHIR view, which reads one bronze FHIR table, but declares "
          + inputs.size() + " inputs: declare one, e.g. fromNewRowsOf(\"observations_raw\")");
    }
    Transform effective = sqlPath != null ? SqlTransform.load(domain, sqlPath)
        : viewPath != null ? ViewTransform.load(domain, viewPath, inputs.get(0).viewName())
        : transform;
    if (layer == Layer.GOLD && description != null) {
      throw new IllegalArgumentException(id + ": a gold product's description belongs in its contract, "
          + Contracts.resource(domain, name) + "; remove description(...)");
    }
    Optional<Contract> contract = layer == Layer.GOLD ? Optional.of(Contracts.load(domain, name)) : Optional.empty();
    return new DerivedTable(id, inputs, effective, writeMode, partitionBy, Optional.ofNullable(incrementalKey), contract,
        contract.map(Contract::description).orElse(description));
  }
}

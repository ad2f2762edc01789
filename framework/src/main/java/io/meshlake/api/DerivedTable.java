package io.meshlake.api;

import io.meshlake.contract.Contract;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A silver or gold table computed from declared inputs by a transform (Java or a SQL file kept in the
 * domain module). Gold tables carry their {@link Contract}.
 *
 * <p>With an {@code incrementalKey}, the table is a function of groups of rows sharing that key in every
 * input (e.g. everything about one member): an incremental run finds the keys whose input rows changed
 * (from the inputs' change data feed), recomputes only those groups and replaces them in one commit.
 */
public record DerivedTable(
    TableId id,
    List<Input> inputs,
    Transform transform,
    WriteMode writeMode,
    List<String> partitionBy,
    Optional<String> incrementalKey,
    Optional<Contract> contract,
    String description)
    implements TableSpec {

  public DerivedTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(transform, () -> id + " needs a transform: call transform(...) or sql(...)");
    Objects.requireNonNull(writeMode, () -> id + " needs a write mode, e.g. merge(\"id\") or overwrite()");
    inputs = List.copyOf(inputs);
    partitionBy = List.copyOf(partitionBy);
    contract = Objects.requireNonNull(contract, "contract");
    incrementalKey = Objects.requireNonNull(incrementalKey, "incrementalKey");
    if (incrementalKey.isPresent() && !(writeMode instanceof WriteMode.Overwrite)) {
      throw new IllegalArgumentException(id + ": incrementalBy(...) recomputes whole key groups and replaces them,"
          + " so the table must be declared with overwrite()");
    }
    if (id.layer() == Layer.BRONZE) {
      throw new IllegalArgumentException(
          id + ": bronze tables are filled by ingest; declare derived tables in silver or gold");
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(id + " declares no inputs: call from(...)");
    }
    if (id.layer() == Layer.GOLD && contract.isEmpty()) {
      throw new IllegalArgumentException(
          id + " is a gold data product and needs a contract (meshlake/<domain>/contracts/<product>.yaml)");
    }
    if (writeMode instanceof WriteMode.OverwritePartitions && partitionBy.isEmpty()) {
      throw new IllegalArgumentException(
          id + " overwrites partitions but declares none: call partitionBy(...)");
    }
    description = description == null ? "" : description;
  }
}

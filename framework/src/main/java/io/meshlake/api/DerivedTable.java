package io.meshlake.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A silver or gold table computed from declared inputs by a transform (Java or a SQL file kept in the
 * domain module). Gold tables carry a {@link Contract}.
 */
public record DerivedTable(
    TableId id,
    List<Input> inputs,
    Transform transform,
    WriteMode writeMode,
    List<String> partitionBy,
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
    if (id.layer() == Layer.BRONZE) {
      throw new IllegalArgumentException(
          id + ": bronze tables are filled by ingest; declare derived tables in silver or gold");
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(id + " declares no inputs: call from(...)");
    }
    if (id.layer() == Layer.GOLD && contract.isEmpty()) {
      throw new IllegalArgumentException(
          id + " is a gold data product and needs a contract: call owner(...), description(...) and version(...)");
    }
    if (writeMode instanceof WriteMode.OverwritePartitions && partitionBy.isEmpty()) {
      throw new IllegalArgumentException(
          id + " overwrites partitions but declares none: call partitionBy(...)");
    }
    description = description == null ? "" : description;
  }
}

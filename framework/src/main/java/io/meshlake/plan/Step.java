package io.meshlake.plan;

import io.meshlake.api.Input;
import io.meshlake.api.TableId;
import io.meshlake.api.TableSpec;
import java.util.List;

/** One table to build, with its inputs resolved to table identities. */
public record Step(TableSpec table, List<Resolved> inputs) {
  public Step {
    inputs = List.copyOf(inputs);
  }

  /** A declared input and the table it names. */
  public record Resolved(Input input, TableId table) {}

  /** The table's identity. */
  public TableId id() {
    return table.id();
  }
}

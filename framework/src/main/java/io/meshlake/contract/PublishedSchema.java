package io.meshlake.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract version and columns a product was last published under, kept in its table's properties
 * ({@code meshlake.version}, {@code meshlake.contract.columns}) so the next publication can be checked
 * for breaking changes.
 */
public record PublishedSchema(SemanticVersion version, List<Column> columns) {
  /** The table property that holds the columns. */
  public static final String COLUMNS_PROPERTY = "meshlake.contract.columns";
  /** The table property that holds the version. */
  public static final String VERSION_PROPERTY = "meshlake.version";

  public PublishedSchema {
    columns = List.copyOf(columns);
  }

  /** A published column: name, type and whether it was required. */
  public record Column(String name, String type, boolean required) {}

  /** The snapshot of a contract, as published. */
  public static PublishedSchema of(Contract contract) {
    return new PublishedSchema(contract.version(),
        contract.columns().stream().map(c -> new Column(c.name(), c.type(), c.required())).toList());
  }

  /** The property value: {@code name type required|nullable}, one column per line. */
  public String encodeColumns() {
    StringBuilder out = new StringBuilder();
    for (Column c : columns) {
      out.append(c.name()).append(' ').append(c.type()).append(' ').append(c.required() ? "required" : "nullable")
          .append('\n');
    }
    return out.toString();
  }

  /** Reads the properties written by {@link #encodeColumns()}. */
  public static PublishedSchema decode(String version, String columns) {
    List<Column> parsed = new ArrayList<>();
    for (String line : columns.split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 3) {
        parsed.add(new Column(parts[0], parts[1], parts[2].equals("required")));
      }
    }
    return new PublishedSchema(SemanticVersion.parse(version), parsed);
  }
}

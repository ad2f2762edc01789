package io.meshlake.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract version and columns a product was last published under, kept in its table's properties
 * ({@code meshlake.version}, {@code meshlake.contract.columns}, with the owner in {@code meshlake.owner}) so
 * the next publication can be checked for breaking changes.
 */
public record PublishedSchema(SemanticVersion version, List<Column> columns) {
  /** The table property that holds the columns. */
  public static final String COLUMNS_PROPERTY = "meshlake.contract.columns";
  /** The table property that holds the version. */
  public static final String VERSION_PROPERTY = "meshlake.version";
  /** The table property that holds the owning team. */
  public static final String OWNER_PROPERTY = "meshlake.owner";

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

  /** The table properties a publication under {@code contract} records: version, columns and owner. */
  public static Map<String, String> properties(Contract contract) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(VERSION_PROPERTY, contract.version().toString());
    properties.put(COLUMNS_PROPERTY, of(contract).encodeColumns());
    properties.put(OWNER_PROPERTY, contract.owner());
    return properties;
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

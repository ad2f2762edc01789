package io.meshlake.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a publication's schema against its contract, and a contract against the one the product was
 * last published under (breaking changes need a higher major version).
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * What differs between the rows a build produced and the contract's columns: missing, retyped and
   * undeclared columns. Empty when they agree.
   */
  public static List<String> conformance(Contract contract, StructType schema) {
    List<String> problems = new ArrayList<>();
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      fields.put(field.name(), field);
    }
    for (ContractColumn column : contract.columns()) {
      StructField field = fields.remove(column.name());
      if (field == null) {
        problems.add("column " + column.name() + " is promised by the contract but the build does not produce it");
      } else if (!field.dataType().simpleString().equals(column.type())) {
        problems.add("column " + column.name() + " is " + field.dataType().simpleString() + " but the contract says "
            + column.type());
      }
    }
    fields.keySet().forEach(name -> problems.add("column " + name + " is produced but not in the contract: add it"
        + " (with type, description and classification) or stop producing it"));
    return problems;
  }

  /**
   * The breaking changes from the published contract to {@code next}: dropped or retyped columns and
   * required columns made nullable. Empty when there are none or {@code next} raises the major version.
   */
  public static List<String> breakingChanges(PublishedSchema published, Contract next) {
    if (next.version().major() > published.version().major()) {
      return List.of();
    }
    List<String> breaking = new ArrayList<>();
    for (PublishedSchema.Column old : published.columns()) {
      Optional<ContractColumn> now = next.column(old.name());
      if (now.isEmpty()) {
        breaking.add(old.name() + " dropped");
      } else if (!now.get().type().equals(old.type())) {
        breaking.add(old.name() + " retyped " + old.type() + " -> " + now.get().type());
      } else if (old.required() && !now.get().required()) {
        breaking.add(old.name() + " made nullable");
      }
    }
    return breaking;
  }

  /** The message for breaking changes without a major version raise. */
  public static String breakingMessage(String product, PublishedSchema published, Contract next, List<String> changes) {
    return product + ": the contract breaks its consumers (" + String.join("; ", changes) + ") but keeps major version "
        + next.version().major() + " (published " + published.version() + ", now " + next.version() + "): raise the"
        + " version to " + (published.version().major() + 1) + ".0.0 and tell the consumers ("
        + (next.consumers().isEmpty() ? "none listed" : next.consumers().stream().collect(Collectors.joining(", ")))
        + "), or keep the columns";
  }
}

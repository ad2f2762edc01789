package io.meshlake.fhir.view.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares expected and actual view rows as multisets of canonical JSON (numbers by value, null-valued keys dropped). */
public final class RowMatcher {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final int SHOWN = 3;

  private RowMatcher() {}

  /** Why the rows differ, or empty when they match. */
  public static Optional<String> compare(JsonNode expected, List<JsonNode> actual) {
    List<String> missing = new ArrayList<>();
    expected.forEach(row -> missing.add(canonical(row).toString()));
    List<String> unexpected = new ArrayList<>();
    for (JsonNode row : actual) {
      String text = canonical(row).toString();
      if (!missing.remove(text)) {
        unexpected.add(text);
      }
    }
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("expected " + expected.size() + " rows, got " + actual.size() + "; expected but missing: "
        + shown(missing) + "; returned but not expected: " + shown(unexpected));
  }

  private static String shown(List<String> rows) {
    return rows.size() <= SHOWN ? rows.toString()
        : rows.subList(0, SHOWN) + " and " + (rows.size() - SHOWN) + " more";
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isNumber()) {
      return NODES.numberNode(node.decimalValue().stripTrailingZeros());
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode();
      node.forEach(item -> array.add(canonical(item)));
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = NODES.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        if (!node.get(name).isNull()) {
          object.set(name, canonical(node.get(name)));
        }
      }
      return object;
    }
    return node;
  }
}

package io.meshlake.fhir.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** A view row as a JSON object (column name → value), the form the conformance suite and NDJSON output use. */
public final class RowJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private RowJson() {}

  /** The row as an object with every column, nulls included. */
  public static ObjectNode of(List<ViewColumn> columns, Object[] row) {
    ObjectNode json = NODES.objectNode();
    for (int i = 0; i < columns.size(); i++) {
      json.set(columns.get(i).name(), value(row[i]));
    }
    return json;
  }

  /** One value: strings, booleans and numbers as themselves, dates and times as their FHIR text, elements as JSON. */
  public static JsonNode value(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(value(item)));
      return array;
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    return NODES.textNode(value.toString());
  }
}

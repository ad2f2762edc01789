package io.meshlake.fhir.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.ViewDefinition.Column;
import io.meshlake.fhir.view.ViewDefinition.Constant;
import io.meshlake.fhir.view.ViewDefinition.Select;
import io.meshlake.fhir.view.ViewDefinition.Tag;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads ViewDefinition JSON into the model, collecting every structural problem with its location. */
final class ViewDefinitionReader {
  private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  /** Constant value types (from {@code value[x]}) and the JSON kind each must be. */
  private static final Map<String, String> CONSTANT_TYPES = Map.ofEntries(
      Map.entry("Base64Binary", "string"), Map.entry("Boolean", "boolean"), Map.entry("Canonical", "string"),
      Map.entry("Code", "string"), Map.entry("Date", "string"), Map.entry("DateTime", "string"),
      Map.entry("Decimal", "number"), Map.entry("Id", "string"), Map.entry("Instant", "string"),
      Map.entry("Integer", "integer"), Map.entry("Integer64", "integer64"), Map.entry("Oid", "string"),
      Map.entry("String", "string"), Map.entry("PositiveInt", "integer"), Map.entry("Time", "string"),
      Map.entry("UnsignedInt", "integer"), Map.entry("Uri", "string"), Map.entry("Url", "string"),
      Map.entry("Uuid", "string"), Map.entry("Markdown", "string"));

  private final List<String> problems = new ArrayList<>();

  private ViewDefinitionReader() {}

  static ViewDefinition read(JsonNode json) {
    ViewDefinitionReader reader = new ViewDefinitionReader();
    ViewDefinition view = reader.view(json);
    if (!reader.problems.isEmpty()) {
      throw new ViewDefinitionException(reader.problems);
    }
    return view;
  }

  private ViewDefinition view(JsonNode json) {
    if (!json.isObject()) {
      problems.add("A ViewDefinition must be a JSON object with 'resource' and 'select', got " + json.getNodeType());
      return null;
    }
    if (json.has("resourceType") && !"ViewDefinition".equals(json.get("resourceType").asText())) {
      problems.add("resourceType is '" + json.get("resourceType").asText() + "'; a view must be a ViewDefinition");
    }
    String name = string(json, "name", "name", false);
    if (name != null && !SQL_NAME.matcher(name).matches()) {
      problems.add("name '" + name + "' is not a SQL name; use letters, digits and '_', starting with a letter");
    }
    String resource = string(json, "resource", "resource", true);
    if (resource != null && !resource.matches("[A-Z][A-Za-z]+")) {
      problems.add("resource '" + resource + "' is not a FHIR resource type; use e.g. \"Patient\" or \"Observation\"");
    }
    List<Constant> constants = new ArrayList<>();
    int i = 0;
    for (JsonNode constant : array(json, "constant", "constant")) {
      constants.add(constant(constant, "constant[" + i++ + "]"));
    }
    List<String> where = new ArrayList<>();
    i = 0;
    for (JsonNode filter : array(json, "where", "where")) {
      where.add(string(filter, "path", "where[" + i++ + "].path", true));
    }
    List<Select> selects = selects(json, "select", "select");
    if (selects.isEmpty() && json.isObject()) {
      problems.add("select is missing or empty; add at least one select with columns, e.g. "
          + "\"select\": [{\"column\": [{\"name\": \"id\", \"path\": \"getResourceKey()\"}]}]");
    }
    return new ViewDefinition(name, resource, constants, selects, where);
  }

  private Constant constant(JsonNode json, String at) {
    String name = string(json, "name", at + ".name", true);
    if (name != null && !SQL_NAME.matcher(name).matches()) {
      problems.add(at + ".name '" + name + "' is not a valid constant name; use letters, digits and '_'");
    }
    List<String> valueKeys = new ArrayList<>();
    Iterator<String> fields = json.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (field.startsWith("value")) {
        valueKeys.add(field);
      }
    }
    if (valueKeys.size() != 1) {
      problems.add(at + " (" + name + ") needs exactly one value[x], e.g. \"valueString\": \"official\" or"
          + " \"valueInteger\": 1, but has " + (valueKeys.isEmpty() ? "none" : valueKeys));
      return new Constant(name, null, null);
    }
    String key = valueKeys.get(0);
    String suffix = key.substring("value".length());
    String kind = CONSTANT_TYPES.get(suffix);
    JsonNode value = json.get(key);
    if (kind == null) {
      problems.add(at + "." + key + " is not a constant type; use one of value" + String.join(", value",
          CONSTANT_TYPES.keySet().stream().sorted().toList()));
      return new Constant(name, null, null);
    }
    boolean fits = switch (kind) {
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "integer" -> value.isIntegralNumber();
      case "integer64" -> value.isIntegralNumber() || value.isTextual() && value.textValue().matches("[+-]?\\d{1,18}");
      default -> value.isNumber();
    };
    if (!fits) {
      problems.add(at + "." + key + " must be a JSON " + (kind.equals("integer64") ? "integer (or a string of digits)" : kind)
          + " but is " + value);
      return new Constant(name, null, null);
    }
    Object javaValue = kind.equals("integer64") ? (Object) Long.parseLong(value.asText())
        : value.isTextual() ? value.textValue() : value.isBoolean() ? (Object) value.booleanValue()
        : value.isIntegralNumber() ? (Object) value.longValue() : value.decimalValue();
    return new Constant(name, Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1), javaValue);
  }

  private List<Select> selects(JsonNode json, String key, String at) {
    List<Select> selects = new ArrayList<>();
    int i = 0;
    for (JsonNode select : array(json, key, at)) {
      selects.add(select(select, at + "[" + i++ + "]"));
    }
    return selects;
  }

  private Select select(JsonNode json, String at) {
    if (!json.isObject()) {
      problems.add(at + " must be an object with column, select, forEach, forEachOrNull, repeat or unionAll");
      return new Select(List.of(), List.of(), null, null, List.of(), List.of());
    }
    List<Column> columns = new ArrayList<>();
    int i = 0;
    for (JsonNode column : array(json, "column", at + ".column")) {
      columns.add(column(column, at + ".column[" + i++ + "]"));
    }
    String forEach = string(json, "forEach", at + ".forEach", false);
    String forEachOrNull = string(json, "forEachOrNull", at + ".forEachOrNull", false);
    List<String> repeat = new ArrayList<>();
    i = 0;
    for (JsonNode path : array(json, "repeat", at + ".repeat")) {
      if (path.isTextual()) {
        repeat.add(path.textValue());
      } else {
        problems.add(at + ".repeat[" + i + "] must be a FHIRPath string, e.g. \"item\", but is " + path);
      }
      i++;
    }
    int iterations = (forEach != null ? 1 : 0) + (forEachOrNull != null ? 1 : 0) + (repeat.isEmpty() ? 0 : 1);
    if (iterations > 1) {
      problems.add(at + " has more than one of forEach, forEachOrNull and repeat; keep one and nest a select for the other");
    }
    return new Select(columns, selects(json, "select", at + ".select"), forEach, forEachOrNull, repeat,
        selects(json, "unionAll", at + ".unionAll"));
  }

  private Column column(JsonNode json, String at) {
    String name = string(json, "name", at + ".name", true);
    String path = string(json, "path", at + ".path", true);
    if (name != null && !SQL_NAME.matcher(name).matches()) {
      problems.add(at + ".name '" + name + "' is not a SQL column name; use letters, digits and '_', starting with a letter");
    }
    JsonNode collection = json.get("collection");
    if (collection != null && !collection.isBoolean()) {
      problems.add(at + ".collection must be true or false, got " + collection);
    }
    List<Tag> tags = new ArrayList<>();
    int i = 0;
    for (JsonNode tag : array(json, "tag", at + ".tag")) {
      String tagAt = at + ".tag[" + i++ + "]";
      tags.add(new Tag(string(tag, "name", tagAt + ".name", true), string(tag, "value", tagAt + ".value", true)));
    }
    return new Column(name, path, string(json, "type", at + ".type", false),
        collection != null && collection.booleanValue(), string(json, "description", at + ".description", false), tags);
  }

  private String string(JsonNode json, String key, String at, boolean required) {
    JsonNode value = json.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        problems.add(at + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at + " must be a string but is " + value);
      return null;
    }
    return value.textValue();
  }

  /** The array at {@code key} (a single object counts as an array of one); empty when absent. */
  private List<JsonNode> array(JsonNode json, String key, String at) {
    JsonNode value = json.get(key);
    List<JsonNode> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (value.isObject()) {
      items.add(value);
    } else if (value.isArray()) {
      value.forEach(items::add);
    } else if (key.equals("repeat") && value.isTextual()) {
      items.add(value);
    } else {
      problems.add(at + " must be an array but is " + value);
    }
    return items;
  }
}

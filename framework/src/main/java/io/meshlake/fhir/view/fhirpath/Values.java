package io.meshlake.fhir.view.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The items FHIRPath collections hold and how they compare. FHIR JSON primitives become Java values
 * as they are reached (string → {@link String}, boolean → {@link Boolean}, integer → {@link Long},
 * decimal → {@link BigDecimal}); dates and times become {@link FhirTemporal} when their type is known
 * (an {@code ofType(dateTime)}, a literal, a constant) or when compared with one; objects stay
 * {@link JsonNode}s.
 */
final class Values {
  private Values() {}

  /** Adds a JSON value to a collection: arrays add each element, null adds nothing. */
  static void addJson(JsonNode node, List<Object> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        addJson(element, out);
      }
      return;
    }
    out.add(fromJson(node));
  }

  static Object fromJson(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node;
  }

  /** The single boolean of a collection, or null when empty; FHIRPath's singleton evaluation for Boolean. */
  static Boolean singletonBoolean(List<Object> collection, String what) {
    if (collection.isEmpty()) {
      return null;
    }
    if (collection.size() > 1) {
      throw new FhirPathException(what + " expects a single boolean but got " + collection.size() + " values: "
          + describe(collection));
    }
    Object item = collection.get(0);
    return item instanceof Boolean b ? b : Boolean.TRUE;
  }

  /** The single item of a collection, or null when empty. */
  static Object singleton(List<Object> collection, String what) {
    if (collection.isEmpty()) {
      return null;
    }
    if (collection.size() > 1) {
      throw new FhirPathException(what + " expects a single value but got " + collection.size() + " values: "
          + describe(collection));
    }
    return collection.get(0);
  }

  /** FHIRPath {@code =} on two items: true, false, or null when unknown. */
  static Boolean equal(Object a, Object b) {
    if (a instanceof Number || b instanceof Number) {
      return a instanceof Number && b instanceof Number ? decimal(a).compareTo(decimal(b)) == 0 : Boolean.FALSE;
    }
    if (a instanceof FhirTemporal || b instanceof FhirTemporal) {
      FhirTemporal x = temporal(a, b);
      FhirTemporal y = temporal(b, a);
      if (x == null || y == null) {
        return Boolean.FALSE;
      }
      return x.compareTo(y).map(c -> c == 0).orElse(null);
    }
    return a.equals(b);
  }

  /** FHIRPath {@code ~}: strings ignore case and surrounding/inner whitespace runs, decimals compare to the least precision. */
  static boolean equivalent(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return normalize(x).equals(normalize(y));
    }
    if (a instanceof Number && b instanceof Number) {
      BigDecimal x = decimal(a);
      BigDecimal y = decimal(b);
      int scale = Math.min(Math.max(x.scale(), 0), Math.max(y.scale(), 0));
      return x.setScale(scale, java.math.RoundingMode.HALF_UP).compareTo(y.setScale(scale, java.math.RoundingMode.HALF_UP)) == 0;
    }
    Boolean equal = equal(a, b);
    return equal != null && equal;
  }

  private static String normalize(String s) {
    return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** Orders two items (numbers, strings, dates and times): negative, zero, positive, or null when unknown. */
  static Integer compare(Object a, Object b, String operator) {
    if (a instanceof Number && b instanceof Number) {
      return decimal(a).compareTo(decimal(b));
    }
    if (a instanceof FhirTemporal || b instanceof FhirTemporal) {
      FhirTemporal x = temporal(a, b);
      FhirTemporal y = temporal(b, a);
      if (x != null && y != null) {
        return x.compareTo(y).orElse(null);
      }
    } else if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    throw new FhirPathException("Cannot compare " + typeName(a) + " " + describe(List.of(a)) + " " + operator + " "
        + typeName(b) + " " + describe(List.of(b)) + ": both sides must be numbers, strings, or dates/times");
  }

  /** {@code value} as a temporal, parsing a string like {@code other}'s kind; null when it is not one. */
  private static FhirTemporal temporal(Object value, Object other) {
    if (value instanceof FhirTemporal t) {
      return t;
    }
    if (value instanceof String s && other instanceof FhirTemporal t) {
      return FhirTemporal.parse(s, t.kind() == FhirTemporal.Kind.TIME ? FhirTemporal.Kind.TIME
          : FhirTemporal.Kind.DATE_TIME).orElse(null);
    }
    return null;
  }

  static BigDecimal decimal(Object number) {
    return number instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) number).longValue());
  }

  /** The FHIRPath/FHIR type name of an item, for messages and {@code is}. */
  static String typeName(Object item) {
    if (item instanceof String) {
      return "string";
    }
    if (item instanceof Boolean) {
      return "boolean";
    }
    if (item instanceof Long) {
      return "integer";
    }
    if (item instanceof BigDecimal) {
      return "decimal";
    }
    if (item instanceof FhirTemporal t) {
      return switch (t.kind()) {
        case DATE -> "date";
        case DATE_TIME -> "dateTime";
        case TIME -> "time";
      };
    }
    if (item instanceof JsonNode node && node.has("resourceType")) {
      return node.get("resourceType").asText();
    }
    return "element";
  }

  /** The item as text: strings as they are, numbers in plain notation, objects as JSON. */
  static String text(Object item) {
    if (item instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return item.toString();
  }

  static String describe(List<Object> collection) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < collection.size() && i < 3; i++) {
      text.append(i > 0 ? ", " : "").append(collection.get(i) instanceof String s ? "'" + s + "'" : text(collection.get(i)));
    }
    return text.append(collection.size() > 3 ? ", ...]" : "]").toString();
  }
}

package io.meshlake.fhir.view.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Whether an item is of a FHIR type, as far as FHIR JSON tells: strings stand for every string-like
 * type, a date/time type matches text of that shape, an object matches any complex type (and a
 * resource only its own resource type).
 */
final class Types {
  private Types() {}

  /** The item as type {@code type} (a date string becomes a {@link FhirTemporal}), or null when it is not of that type. */
  static Object as(Object item, String type) {
    switch (type) {
      case "boolean":
        return item instanceof Boolean ? item : null;
      case "decimal":
        return item instanceof BigDecimal || item instanceof Long ? item : null;
      case "date":
        return temporal(item, FhirTemporal.Kind.DATE);
      case "dateTime":
      case "instant":
        return temporal(item, FhirTemporal.Kind.DATE_TIME);
      case "time":
        return temporal(item, FhirTemporal.Kind.TIME);
      default:
        break;
    }
    if (FhirTypes.INTEGERS.contains(type)) {
      return item instanceof Long ? item : null;
    }
    if (FhirTypes.STRING_LIKE.contains(type)) {
      return item instanceof String ? item : null;
    }
    if (item instanceof JsonNode node && node.isObject()) {
      JsonNode resourceType = node.get("resourceType");
      if (resourceType != null) {
        return type.equals(resourceType.textValue()) || type.equals("Resource") || type.equals("DomainResource") ? item : null;
      }
      return FhirTypes.isResource(type) ? null : item;
    }
    return null;
  }

  private static Object temporal(Object item, FhirTemporal.Kind kind) {
    if (item instanceof FhirTemporal t) {
      boolean dateLike = kind != FhirTemporal.Kind.TIME && t.kind() != FhirTemporal.Kind.TIME;
      return t.kind() == kind || dateLike ? t : null;
    }
    return item instanceof String s ? FhirTemporal.parse(s, kind).orElse(null) : null;
  }

  /** Adds the items of type {@code type}, converted. */
  static void addOfType(List<Object> items, String type, List<Object> out) {
    for (Object item : items) {
      Object converted = as(item, type);
      if (converted != null) {
        out.add(converted);
      }
    }
  }
}

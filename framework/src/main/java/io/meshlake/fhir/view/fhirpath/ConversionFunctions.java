package io.meshlake.fhir.view.fhirpath;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code toX()} and {@code convertsToX()} for Boolean, Integer, Decimal, String, Date, DateTime and Time. */
final class ConversionFunctions {
  private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "1", "1.0");
  private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "0", "0.0");

  private ConversionFunctions() {}

  /** A conversion of one item, null when it does not convert. */
  private interface Conversion {
    Object convert(Object item);
  }

  static void register(Map<String, Function.Signature> r) {
    add(r, "Boolean", "boolean", ConversionFunctions::toBoolean);
    add(r, "Integer", "integer", ConversionFunctions::toInteger);
    add(r, "Decimal", "decimal", ConversionFunctions::toDecimal);
    add(r, "String", "string", item -> item instanceof String || item instanceof Number || item instanceof Boolean
        || item instanceof FhirTemporal ? Values.text(item) : null);
    add(r, "Date", "date", item -> temporal(item, FhirTemporal.Kind.DATE));
    add(r, "DateTime", "dateTime", item -> temporal(item, FhirTemporal.Kind.DATE_TIME));
    add(r, "Time", "time", item -> temporal(item, FhirTemporal.Kind.TIME));
  }

  private static void add(Map<String, Function.Signature> r, String type, String fhirType, Conversion conversion) {
    Functions.add(r, "to" + type, 0, 0, fhirType, (in, args, c) -> {
      Object item = Values.singleton(in, "to" + type + "()");
      Object converted = item == null ? null : conversion.convert(item);
      return converted == null ? List.of() : List.of(converted);
    });
    Functions.add(r, "convertsTo" + type, 0, 0, "boolean", (in, args, c) -> {
      Object item = Values.singleton(in, "convertsTo" + type + "()");
      return item == null ? List.of() : List.of(conversion.convert(item) != null);
    });
  }

  private static Object toBoolean(Object item) {
    if (item instanceof Boolean) {
      return item;
    }
    if (item instanceof Long l) {
      return l == 1 ? Boolean.TRUE : l == 0 ? Boolean.FALSE : null;
    }
    if (item instanceof BigDecimal d) {
      return d.compareTo(BigDecimal.ONE) == 0 ? Boolean.TRUE : d.signum() == 0 ? Boolean.FALSE : null;
    }
    if (item instanceof String s) {
      String lower = s.toLowerCase(Locale.ROOT);
      return TRUE.contains(lower) ? Boolean.TRUE : FALSE.contains(lower) ? Boolean.FALSE : null;
    }
    return null;
  }

  private static Object toInteger(Object item) {
    if (item instanceof Long) {
      return item;
    }
    if (item instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (item instanceof String s && s.matches("[+-]?\\d{1,18}")) {
      return Long.parseLong(s);
    }
    return null;
  }

  private static Object toDecimal(Object item) {
    if (item instanceof Number n) {
      return Values.decimal(n);
    }
    if (item instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (item instanceof String s && s.matches("[+-]?\\d+(\\.\\d+)?")) {
      return new BigDecimal(s);
    }
    return null;
  }

  private static Object temporal(Object item, FhirTemporal.Kind kind) {
    if (item instanceof FhirTemporal t) {
      return FhirTemporal.parse(t.toString(), kind).orElse(null);
    }
    return item instanceof String s ? FhirTemporal.parse(s, kind).orElse(null) : null;
  }
}

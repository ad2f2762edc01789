package io.meshlake.fhir.view.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Functions FHIR and SQL on FHIR add to FHIRPath: {@code extension(url)}, {@code getResourceKey()},
 * {@code getReferenceKey([type])}, {@code lowBoundary()}/{@code highBoundary()}, {@code hasValue()},
 * and the clock functions.
 *
 * <p>Keys are the resource {@code id}; a reference's key is the id of a relative ({@code Patient/123})
 * or absolute RESTful ({@code https://server/fhir/Patient/123}) literal reference, optionally with a
 * {@code /_history/n} suffix; other references (contained {@code #x}, {@code urn:uuid:}) have no key.
 *
 * <p>Decimal boundaries follow the conformance suite: the low boundary is the value itself and the high
 * boundary the value plus one unit in its last written digit, less one unit at the result precision
 * (default 8 decimal places, magnitudes keep their sign); values with more than 15 significant digits
 * have no boundary. Date, dateTime and time boundaries are in {@link FhirTemporal}; on a Period they
 * are the start's low and the end's high boundary.
 */
final class FhirFunctions {
  private static final Pattern REFERENCE = Pattern.compile("(?:^|/)([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?$");
  private static final int DEFAULT_DECIMAL_PRECISION = 8;
  private static final int EXACT_DIGITS = 15;

  private FhirFunctions() {}

  static void register(Map<String, Function.Signature> r) {
    Functions.add(r, "extension", 1, 1, null, (in, args, c) -> {
      String url = Functions.stringArgument(args, 0, in, c, "extension");
      List<Object> out = new ArrayList<>();
      for (Object item : in) {
        if (item instanceof JsonNode node && node.isObject() && node.get("extension") != null) {
          for (JsonNode extension : node.get("extension")) {
            if (url != null && url.equals(extension.path("url").textValue())) {
              out.add(extension);
            }
          }
        }
      }
      return out;
    });
    Functions.add(r, "getResourceKey", 0, 0, "string", (in, args, c) -> {
      List<Object> out = new ArrayList<>(1);
      for (Object item : in) {
        if (item instanceof JsonNode node && node.has("resourceType") && node.path("id").isTextual()) {
          out.add(node.get("id").textValue());
        }
      }
      return out;
    });
    Functions.add(r, "getReferenceKey", 0, 1, "string", (in, args, c) -> {
      String type = Functions.stringArgument(args, 0, in, c, "getReferenceKey");
      List<Object> out = new ArrayList<>(1);
      for (Object item : in) {
        if (item instanceof JsonNode node && node.path("reference").isTextual()) {
          Matcher m = REFERENCE.matcher(node.get("reference").textValue());
          if (m.find() && (type == null || type.equals(m.group(1)))) {
            out.add(m.group(2));
          }
        }
      }
      return out;
    });
    Functions.add(r, "lowBoundary", 0, 1, null, (in, args, c) -> boundary(in, args, c, false));
    Functions.add(r, "highBoundary", 0, 1, null, (in, args, c) -> boundary(in, args, c, true));
    Functions.add(r, "hasValue", 0, 0, "boolean", (in, args, c) -> List.of(in.size() == 1 && !(in.get(0) instanceof JsonNode)));
    Functions.add(r, "now", 0, 0, "dateTime", (in, args, c) -> List.of(clock(
        OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), FhirTemporal.Kind.DATE_TIME)));
    Functions.add(r, "today", 0, 0, "date", (in, args, c) -> List.of(clock(LocalDate.now().toString(), FhirTemporal.Kind.DATE)));
    Functions.add(r, "timeOfDay", 0, 0, "time", (in, args, c) -> List.of(clock(
        LocalTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME), FhirTemporal.Kind.TIME)));
  }

  private static FhirTemporal clock(String text, FhirTemporal.Kind kind) {
    return FhirTemporal.parse(text, kind).orElseThrow();
  }

  private static List<Object> boundary(List<Object> in, List<Expr> args, PathContext c, boolean high) {
    String function = high ? "highBoundary" : "lowBoundary";
    Object item = Values.singleton(in, function + "()");
    Long precision = Functions.integerArgument(args, 0, in, c, function);
    Object result = null;
    if (item instanceof Number number) {
      result = decimalBoundary(Values.decimal(number), precision == null ? DEFAULT_DECIMAL_PRECISION : precision.intValue(), high);
    } else if (item instanceof FhirTemporal temporal) {
      result = bound(temporal, high);
    } else if (item instanceof String text) {
      result = FhirTemporal.parseDateTime(text, FhirTemporal.Kind.DATE).or(() -> FhirTemporal.parseTime(text))
          .map(t -> bound(t, high)).orElse(null);
    } else if (item instanceof JsonNode period && period.isObject()) {
      JsonNode end = period.path(high ? "end" : "start");
      result = end.isTextual() ? FhirTemporal.parseDateTime(end.textValue(), FhirTemporal.Kind.DATE_TIME)
          .map(t -> bound(t, high)).orElse(null) : null;
    }
    return result == null ? List.of() : List.of(result);
  }

  private static FhirTemporal bound(FhirTemporal value, boolean high) {
    return (high ? value.highBoundary() : value.lowBoundary()).orElse(null);
  }

  private static BigDecimal decimalBoundary(BigDecimal value, int precision, boolean high) {
    if (value.precision() > EXACT_DIGITS || precision < 0 || precision < value.scale()) {
      return null;
    }
    BigDecimal magnitude = value.abs();
    if (high) {
      BigDecimal lastDigit = BigDecimal.ONE.movePointLeft(Math.max(value.scale(), 0));
      magnitude = magnitude.add(lastDigit).subtract(BigDecimal.ONE.movePointLeft(precision));
    }
    BigDecimal result = magnitude.setScale(precision, RoundingMode.DOWN);
    return value.signum() < 0 ? result.negate() : result;
  }
}

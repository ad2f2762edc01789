package io.meshlake.fhir.view.fhirpath;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR/FHIRPath date, dateTime or time value of some precision (a year only, a month, a day, down
 * to fractions of a second), kept with its source text. Comparison follows FHIRPath: values are
 * compared field by field to their common precision; equal up to there but of different precision is
 * "unknown" (empty). Low and high boundaries fill the missing fields with the least or greatest value
 * (nanosecond fractions; a missing time zone becomes +14:00 for the low boundary and -12:00 for the
 * high one).
 */
public final class FhirTemporal {
  /** Which FHIR type the value has. */
  public enum Kind { DATE, DATE_TIME, TIME }

  private static final Pattern DATE_TIME = Pattern.compile(
      "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?)?)?)?"
          + "(Z|[+-]\\d{2}:\\d{2})?");
  private static final Pattern TIME = Pattern.compile("(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?");
  private static final int YEAR = 0;
  private static final int FRACTION = 6;

  private final Kind kind;
  private final String text;
  /** year, month, day, hour, minute, second, nanos; only the first {@code precision + 1} are set; null until parsed. */
  private int[] fields;
  private int precision;
  private String fraction;
  private String zone;

  private FhirTemporal(Kind kind, String text, int[] fields, int precision, String fraction, String zone) {
    this.kind = kind;
    this.text = text;
    this.fields = fields;
    this.precision = precision;
    this.fraction = fraction;
    this.zone = zone;
  }

  /** Parses a date or dateTime ({@code 2020}, {@code 2020-01-31}, {@code 2020-01-31T10:00:00Z}), if it is one. */
  public static Optional<FhirTemporal> parseDateTime(String text, Kind kind) {
    Matcher m = DATE_TIME.matcher(text.endsWith("T") ? text.substring(0, text.length() - 1) : text);
    if (!m.matches() || (m.group(8) != null && m.group(4) == null)) {
      return Optional.empty();
    }
    int[] fields = new int[7];
    int precision = YEAR;
    for (int group = 1; group <= 6 && m.group(group) != null; group++) {
      fields[group - 1] = Integer.parseInt(m.group(group));
      precision = group - 1;
    }
    if (m.group(7) != null) {
      fields[FRACTION] = nanos(m.group(7));
      precision = FRACTION;
    }
    Kind actual = kind == Kind.DATE && precision > 2 ? Kind.DATE_TIME : kind;
    return valid(fields, precision) ? Optional.of(new FhirTemporal(actual, text, fields, precision, m.group(7), m.group(8)))
        : Optional.empty();
  }

  /** Parses a time of day ({@code 12:30}, {@code 12:30:15.25}), if it is one. */
  public static Optional<FhirTemporal> parseTime(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int[] fields = new int[7];
    int precision = 3;
    for (int group = 1; group <= 3 && m.group(group) != null; group++) {
      fields[group + 2] = Integer.parseInt(m.group(group));
      precision = group + 2;
    }
    if (m.group(4) != null) {
      fields[FRACTION] = nanos(m.group(4));
      precision = FRACTION;
    }
    boolean valid = fields[3] < 24 && fields[4] < 60 && fields[5] < 60;
    return valid ? Optional.of(new FhirTemporal(Kind.TIME, text, fields, precision, m.group(4), null)) : Optional.empty();
  }

  /**
   * A value FHIR JSON declares to be of this kind (e.g. from a {@code valueDateTime} key), parsed only
   * when compared or bounded; text that turns out not to be of the kind then compares as unknown.
   */
  public static FhirTemporal typed(String text, Kind kind) {
    return new FhirTemporal(kind, text, null, 0, null, null);
  }

  /** Parses the text on first use; false when it is not a valid value of its kind. */
  private boolean parsed() {
    if (fields == null) {
      Optional<FhirTemporal> parsed = parse(text, kind);
      if (parsed.isEmpty()) {
        return false;
      }
      FhirTemporal value = parsed.get();
      precision = value.precision;
      fraction = value.fraction;
      zone = value.zone;
      fields = value.fields;
    }
    return true;
  }

  /** Parses text as the given kind. */
  public static Optional<FhirTemporal> parse(String text, Kind kind) {
    return kind == Kind.TIME ? parseTime(text) : parseDateTime(text, kind);
  }

  private static int nanos(String digits) {
    String nine = (digits + "000000000").substring(0, 9);
    return Integer.parseInt(nine);
  }

  private static boolean valid(int[] f, int precision) {
    if (precision >= 1 && (f[1] < 1 || f[1] > 12)) {
      return false;
    }
    if (precision >= 2 && (f[2] < 1 || f[2] > YearMonth.of(f[0], f[1]).lengthOfMonth())) {
      return false;
    }
    return f[3] < 24 && f[4] < 60 && f[5] < 60;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Compares to another temporal value: negative, zero or positive, or empty when the answer is unknown
   * (equal to their common precision but of different precisions) or the kinds cannot be compared.
   */
  public Optional<Integer> compareTo(FhirTemporal other) {
    if ((kind == Kind.TIME) != (other.kind == Kind.TIME) || !parsed() || !other.parsed()) {
      return Optional.empty();
    }
    int[] a = normalized();
    int[] b = other.normalized();
    int own = Math.min(precision, 5);
    int theirs = Math.min(other.precision, 5);
    for (int i = kind == Kind.TIME ? 3 : YEAR; i <= Math.min(own, theirs); i++) {
      if (a[i] != b[i]) {
        return Optional.of(Integer.compare(a[i], b[i]));
      }
    }
    if (own != theirs) {
      return Optional.empty();
    }
    if (own == 5 && a[FRACTION] != b[FRACTION]) {
      return Optional.of(Integer.compare(a[FRACTION], b[FRACTION]));
    }
    return Optional.of(0);
  }

  /** Fields shifted to UTC when a time zone is given and the value has hours. */
  private int[] normalized() {
    if (zone == null || zone.equals("Z") || precision < 3) {
      return fields;
    }
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    int minutes = sign * (Integer.parseInt(zone.substring(1, 3)) * 60 + Integer.parseInt(zone.substring(4, 6)));
    LocalDateTime local = LocalDateTime.of(fields[0], Math.max(fields[1], 1), Math.max(fields[2], 1), fields[3],
        fields[4], fields[5], fields[6]).minusMinutes(minutes);
    int[] utc = {local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
        local.getSecond(), local.getNano()};
    return utc;
  }

  /** The least value this one may stand for, at full precision; empty when the text is not a valid value. */
  public Optional<FhirTemporal> lowBoundary() {
    return parsed() ? Optional.of(boundary(false)) : Optional.empty();
  }

  /** The greatest value this one may stand for, at full precision; empty when the text is not a valid value. */
  public Optional<FhirTemporal> highBoundary() {
    return parsed() ? Optional.of(boundary(true)) : Optional.empty();
  }

  private FhirTemporal boundary(boolean high) {
    int[] f = Arrays.copyOf(fields, fields.length);
    if (precision < 1) {
      f[1] = high ? 12 : 1;
    }
    if (precision < 2) {
      f[2] = high ? YearMonth.of(f[0], f[1]).lengthOfMonth() : 1;
    }
    if (precision < 4) {
      f[4] = high ? 59 : 0;
    }
    if (precision < 5) {
      f[5] = high ? 59 : 0;
    }
    String nanos = fraction == null ? "" : fraction.length() > 9 ? fraction.substring(0, 9) : fraction;
    nanos = (nanos + (high ? "999999999" : "000000000")).substring(0, 9);
    if (precision < 3 && kind != Kind.TIME) {
      f[3] = high ? 23 : 0;
    }
    if (kind == Kind.DATE) {
      String date = String.format("%04d-%02d-%02d", f[0], f[1], f[2]);
      return new FhirTemporal(kind, date, f, 2, null, null);
    }
    String time = String.format("%02d:%02d:%02d.%s", f[3], f[4], f[5], nanos);
    f[FRACTION] = Integer.parseInt(nanos);
    if (kind == Kind.TIME) {
      return new FhirTemporal(kind, time, f, FRACTION, nanos, null);
    }
    String boundaryZone = zone != null ? zone : high ? "-12:00" : "+14:00";
    String dateTime = String.format("%04d-%02d-%02dT%s%s", f[0], f[1], f[2], time, boundaryZone);
    return new FhirTemporal(kind, dateTime, f, FRACTION, nanos, boundaryZone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FhirTemporal other && compareTo(other).orElse(1) == 0;
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The value as FHIR writes it (the source text, or the boundary's full-precision form). */
  @Override
  public String toString() {
    return text;
  }
}

package io.meshlake.fhir.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.fhirpath.FhirTemporal;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schema of a view and the conversion of its rows. Types follow the specification's default
 * FHIR → SQL mapping: {@code boolean} → BOOLEAN; {@code integer}, {@code positiveInt},
 * {@code unsignedInt} → INT; {@code integer64} → BIGINT; {@code instant} → TIMESTAMP;
 * {@code base64Binary} → BINARY; everything else (string-like types, {@code decimal}, {@code date},
 * {@code dateTime}, {@code time}, untyped columns) → STRING in its FHIR text form, so partial dates and
 * decimal precision survive. Complex values are JSON text. An {@code ansi/type} tag overrides the
 * mapping: BOOLEAN, INT/INTEGER/SMALLINT, BIGINT, DECIMAL(p,s)/NUMERIC(p,s), DOUBLE/FLOAT/REAL, DATE,
 * TIMESTAMP (a dateTime without zone is read as UTC), BINARY, or a character type. Collection columns
 * are arrays of the element type.
 */
public final class SparkColumns implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

  private final List<ViewColumn> columns;
  private final StructType schema;

  public SparkColumns(List<ViewColumn> columns) {
    this.columns = List.copyOf(columns);
    List<StructField> fields = new ArrayList<>();
    for (ViewColumn column : columns) {
      DataType element = elementType(column);
      fields.add(DataTypes.createStructField(column.name(),
          column.collection() ? DataTypes.createArrayType(element, true) : element, true));
    }
    this.schema = DataTypes.createStructType(fields);
  }

  /** The view's Spark schema. */
  public StructType schema() {
    return schema;
  }

  /** A view row as a Spark row of {@link #schema()}. */
  public Row row(Object[] values) {
    Object[] converted = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      ViewColumn column = columns.get(i);
      DataType type = schema.fields()[i].dataType();
      if (values[i] instanceof List<?> list) {
        DataType element = ((org.apache.spark.sql.types.ArrayType) type).elementType();
        List<Object> items = new ArrayList<>(list.size());
        list.forEach(item -> items.add(convert(item, element, column)));
        converted[i] = scala.collection.JavaConverters.asScalaBuffer(items).toList();
      } else {
        converted[i] = values[i] == null ? null : convert(values[i], type, column);
      }
    }
    return RowFactory.create(converted);
  }

  private static DataType elementType(ViewColumn column) {
    if (column.ansiType() != null) {
      return ansi(column);
    }
    String type = column.type() == null ? "string" : column.type();
    return switch (type) {
      case "boolean" -> DataTypes.BooleanType;
      case "integer", "positiveInt", "unsignedInt" -> DataTypes.IntegerType;
      case "integer64" -> DataTypes.LongType;
      case "instant" -> DataTypes.TimestampType;
      case "base64Binary" -> DataTypes.BinaryType;
      default -> DataTypes.StringType;
    };
  }

  private static DataType ansi(ViewColumn column) {
    String ansi = column.ansiType().strip().toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(ansi);
    if (decimal.matches()) {
      int precision = decimal.group(1) == null ? 38 : Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? (decimal.group(1) == null ? 18 : 0) : Integer.parseInt(decimal.group(2));
      return DataTypes.createDecimalType(precision, scale);
    }
    if (ansi.startsWith("TIMESTAMP")) {
      return DataTypes.TimestampType;
    }
    if (ansi.startsWith("CHAR") || ansi.startsWith("VARCHAR") || ansi.startsWith("CHARACTER") || ansi.equals("TEXT")
        || ansi.equals("STRING")) {
      return DataTypes.StringType;
    }
    return switch (ansi) {
      case "BOOLEAN" -> DataTypes.BooleanType;
      case "INT", "INTEGER", "SMALLINT" -> DataTypes.IntegerType;
      case "BIGINT" -> DataTypes.LongType;
      case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL" -> DataTypes.DoubleType;
      case "DATE" -> DataTypes.DateType;
      case "BINARY", "VARBINARY", "BLOB" -> DataTypes.BinaryType;
      default -> throw new ViewDefinitionException("Column '" + column.name() + "' has ansi/type '" + column.ansiType()
          + "', which this runner does not map; use BOOLEAN, INT, BIGINT, DECIMAL(p,s), DOUBLE, DATE, TIMESTAMP,"
          + " BINARY or VARCHAR");
    };
  }

  private static Object convert(Object value, DataType type, ViewColumn column) {
    try {
      if (type == DataTypes.StringType) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
      }
      if (type == DataTypes.BooleanType && value instanceof Boolean) {
        return value;
      }
      if (type == DataTypes.IntegerType && value instanceof Long l) {
        return Math.toIntExact(l);
      }
      if (type == DataTypes.LongType && (value instanceof Long || value instanceof String)) {
        return value instanceof String s ? (Object) Long.parseLong(s) : value;
      }
      if (type instanceof org.apache.spark.sql.types.DecimalType && value instanceof Number) {
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) value);
      }
      if (type == DataTypes.DoubleType && value instanceof Number n) {
        return n.doubleValue();
      }
      if (type == DataTypes.DateType && isText(value)) {
        return Date.valueOf(LocalDate.parse(value.toString()));
      }
      if (type == DataTypes.TimestampType && isText(value)) {
        return timestamp(value.toString());
      }
      if (type == DataTypes.BinaryType && value instanceof String s) {
        return Base64.getMimeDecoder().decode(s);
      }
    } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
      // falls through to the error naming the column and value
    }
    throw new ViewDefinitionException("Column '" + column.name() + "' is " + type.simpleString() + " but a resource"
        + " gave " + describe(value) + "; declare a type that fits (partial dates such as '2020-05' fit only the"
        + " default string mapping) or remove the ansi/type tag");
  }

  private static boolean isText(Object value) {
    return value instanceof String || value instanceof FhirTemporal;
  }

  /**
   * A FHIR instant or dateTime as a timestamp; one without a zone is taken as UTC. The usual shape, {@code
   * yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, is read by {@link #instant}; anything else by java.time's
   * parsers, which accept or refuse it.
   */
  static Timestamp timestamp(String text) {
    Timestamp fast = instant(text);
    if (fast != null) {
      return fast;
    }
    try {
      return Timestamp.from(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException noZone) {
      return Timestamp.from(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    }
  }

  /**
   * The instant of {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} with valid fields, computed directly
   * (java.time's formatter-driven parse costs more than the rest of a row's conversion); null for any other
   * text, which the caller hands to java.time.
   */
  static Timestamp instant(String text) {
    int n = text.length();
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isAsciiDigit(text.charAt(i)) && i - start < 9) {
        nanos = nanos * 10 + (text.charAt(i++) - '0');
      }
      if (i == start || (i < n && isAsciiDigit(text.charAt(i)))) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && text.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
      int offsetHours = digits(text, i + 1, 2);
      int offsetMinutes = digits(text, i + 4, 2);
      if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
      return null;
    }
    long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second
        - offsetSeconds;
    Timestamp timestamp = new Timestamp(epochSecond * 1000);
    timestamp.setNanos(nanos);
    return timestamp;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The non-negative number written by {@code count} ASCII digits at {@code from}; -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isAsciiDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String describe(Object value) {
    return value instanceof JsonNode ? "an element " + value : "'" + value + "'";
  }
}

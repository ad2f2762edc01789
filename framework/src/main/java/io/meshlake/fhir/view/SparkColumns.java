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

  private static Timestamp timestamp(String text) {
    try {
      return Timestamp.from(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException noZone) {
      return Timestamp.from(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    }
  }

  private static String describe(Object value) {
    return value instanceof JsonNode ? "an element " + value : "'" + value + "'";
  }
}

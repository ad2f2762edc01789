package io.meshlake.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The type of a layout field: how its text is parsed and which Spark type it becomes. Dates are ISO
 * {@code yyyy-MM-dd}; timestamps are ISO-8601 instants such as {@code 2014-10-14T04:17:47Z}.
 */
public final class FieldType implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, DATE, TIMESTAMP }

  public static final FieldType STRING = new FieldType(Kind.STRING, 0, 0);
  public static final FieldType INT = new FieldType(Kind.INT, 0, 0);
  public static final FieldType LONG = new FieldType(Kind.LONG, 0, 0);
  public static final FieldType DOUBLE = new FieldType(Kind.DOUBLE, 0, 0);
  public static final FieldType DATE = new FieldType(Kind.DATE, 0, 0);
  public static final FieldType TIMESTAMP = new FieldType(Kind.TIMESTAMP, 0, 0);
  /** Money as exact decimal(18,2). */
  public static final FieldType MONEY = decimal(18, 2);

  private final Kind kind;
  private final int precision;
  private final int scale;

  private FieldType(Kind kind, int precision, int scale) {
    this.kind = kind;
    this.precision = precision;
    this.scale = scale;
  }

  /** An exact decimal; values with more fractional digits than {@code scale} are rejected, not rounded. */
  public static FieldType decimal(int precision, int scale) {
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "Invalid decimal(" + precision + ", " + scale + "): need 1 <= precision <= 38 and 0 <= scale <= precision");
    }
    return new FieldType(Kind.DECIMAL, precision, scale);
  }

  /** The Spark SQL type of the column. */
  public DataType sparkType() {
    return switch (kind) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(precision, scale);
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  /**
   * Parses non-empty text into the external Java value Spark expects for {@link #sparkType()}.
   *
   * @throws IllegalArgumentException with a short reason when the text does not fit the type
   */
  Object parse(String text) {
    try {
      return switch (kind) {
        case STRING -> text;
        case INT -> Integer.valueOf(text);
        case LONG -> Long.valueOf(text);
        case DOUBLE -> parseDouble(text);
        case DECIMAL -> parseDecimal(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP -> Instant.parse(text);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("expected " + this);
    }
  }

  private static Double parseDouble(String text) {
    double value = Double.parseDouble(text);
    if (Double.isNaN(value) && !text.equals("NaN")) {
      throw new NumberFormatException(text);
    }
    return value;
  }

  private BigDecimal parseDecimal(String text) {
    BigDecimal value = new BigDecimal(text);
    if (value.scale() > scale) {
      value = value.stripTrailingZeros();
      if (value.scale() > scale) {
        throw new IllegalArgumentException("expected " + this + ", which allows " + scale + " decimal places");
      }
    }
    if (value.precision() - value.scale() > precision - scale) {
      throw new IllegalArgumentException("expected " + this + ": too many integer digits");
    }
    return value.setScale(scale);
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldType other && kind == other.kind && precision == other.precision && scale == other.scale;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, precision, scale);
  }
}

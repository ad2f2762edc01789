package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_dt_interval;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * HIPAA Safe Harbor de-identification (45 CFR 164.514(b)(2)), driven by which column carries which
 * {@link IdentifierCategory}. Columns not named pass through unchanged. Each category becomes:
 *
 * <ul>
 *   <li>{@link IdentifierCategory#GEOGRAPHIC_SUBDIVISIONS}: a ZIP code (5 digits or ZIP+4) becomes its
 *       first three digits, or {@code 000} where those form an area of 20,000 people or fewer; any other
 *       value (street, city, county, geocode) becomes null. States are not identifiers: leave them out.
 *   <li>{@link IdentifierCategory#DATES}: on a date or timestamp column, the {@link DatePolicy}: its
 *       year (an integer column), or the per-patient shifted date. A date whose year lies more than 89
 *       years before {@code asOf} indicates an age over 89 and becomes null, year included. On a
 *       numeric column — an age — values over 89 become {@code 90}, meaning "90 or older".
 *   <li>Every other category becomes null, keeping the column's type. Keyed pseudonyms are not
 *       Safe Harbor's re-identification codes (those must not be derived from the identifier), so an
 *       identifier a consumer needs to link on is {@link ColumnTreatment.Pseudonymise pseudonymised}
 *       under a grant instead, outside Safe Harbor.
 * </ul>
 *
 * Everything is a Spark SQL expression except the date shift, a per-task HMAC ({@link DateShift}).
 */
public final class SafeHarbor {
  private static final int OLDEST_AGE_SHOWN = 89;
  private static final String SHIFT_DAYS = "_meshlake_date_shift_days";

  private final DatePolicy dates;
  private final LocalDate asOf;

  /**
   * @param dates what dates become
   * @param asOf the publication date ages are judged at
   */
  public SafeHarbor(DatePolicy dates, LocalDate asOf) {
    this.dates = dates;
    this.asOf = asOf;
  }

  /**
   * Whether anything of a category's values survives de-identification: dates (their year, or shifted)
   * and geographic subdivisions (three-digit ZIP areas). Every other category becomes null.
   */
  public static boolean keepsSomething(IdentifierCategory category) {
    return category == IdentifierCategory.DATES || category == IdentifierCategory.GEOGRAPHIC_SUBDIVISIONS;
  }

  /**
   * De-identifies the named columns in one projection.
   *
   * @param identifiers which column carries which identifier
   * @throws IllegalArgumentException naming columns that are missing or of a type the category cannot use
   */
  public Dataset<Row> apply(Dataset<Row> input, Map<String, IdentifierCategory> identifiers) {
    Columns.requireAll(input, identifiers.keySet(), "de-identify");
    Dataset<Row> source = input;
    Column shiftDays = null;
    if (dates instanceof DatePolicy.ShiftPerPatient shift) {
      // A column of its own, so the HMAC runs once per row however many date columns use it (Spark does
      // not merge a projection into the next when that would repeat a UDF).
      Columns.require(input, shift.patientColumn(), "shift dates by patient");
      Column bits = udf(new DateShift(shift.key()), DataTypes.LongType).withName("date_shift_bits")
          .apply(input.col(shift.patientColumn()).cast(DataTypes.StringType));
      source = input.withColumn(SHIFT_DAYS, DateShift.days(bits, shift.maxDays()));
      shiftDays = col(SHIFT_DAYS);
    }
    List<Column> projection = new ArrayList<>();
    for (String name : input.columns()) {
      IdentifierCategory category = identifiers.get(name);
      projection.add(category == null ? source.col(name)
          : deidentify(source.col(name), input.schema().apply(name).dataType(), name, category, asOf, shiftDays).as(name));
    }
    return source.select(projection.toArray(Column[]::new));
  }

  /**
   * One column de-identified as its category requires.
   *
   * @param value the column's value
   * @param type its type
   * @param column its name, for errors
   * @param asOf the date ages are judged at
   * @param shiftDays the days each row's dates move by; null to publish dates as their year
   * @throws IllegalArgumentException when the type cannot carry the category
   */
  static Column deidentify(Column value, DataType type, String column, IdentifierCategory category, LocalDate asOf,
      Column shiftDays) {
    return switch (category) {
      case GEOGRAPHIC_SUBDIVISIONS -> RestrictedZip3.generalise(value.cast(DataTypes.StringType));
      case DATES -> date(column, value, type, asOf, shiftDays);
      default -> lit(null).cast(type);
    };
  }

  private static Column date(String column, Column value, DataType type, LocalDate asOf, Column shiftDays) {
    if (type instanceof NumericType) {
      return when(value.gt(OLDEST_AGE_SHOWN), lit(OLDEST_AGE_SHOWN + 1).cast(type)).otherwise(value);
    }
    boolean timestamp = type instanceof TimestampType || type instanceof TimestampNTZType;
    if (!timestamp && !(type instanceof DateType)) {
      throw new IllegalArgumentException("Cannot de-identify " + column + " as DATES: it is "
          + type.simpleString() + "; cast it to date or timestamp (or give an age as a number) first");
    }
    Column published;
    if (shiftDays != null) {
      published = timestamp ? value.plus(make_dt_interval(shiftDays)) : date_add(value, shiftDays);
    } else {
      published = year(value);
    }
    return when(lit(asOf.getYear()).minus(year(value)).leq(OLDEST_AGE_SHOWN), published);
  }
}

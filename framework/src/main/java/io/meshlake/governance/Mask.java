package io.meshlake.governance;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Masks and redactions of a string column, as Spark SQL expressions (no user code runs per row).
 * Null stays null; a value too short or malformed to mask partially is masked entirely.
 */
public enum Mask {
  /** Keeps the last four digits of a social security number: {@code 123-45-6789} → {@code ***-**-6789}. */
  SSN_LAST_FOUR {
    @Override
    Column mask(Column value) {
      return lastFourDigits(value, "***-**-");
    }
  },
  /** Keeps the last four digits of a phone or fax number: {@code (555) 867-5309} → {@code ***-***-5309}. */
  PHONE_LAST_FOUR {
    @Override
    Column mask(Column value) {
      return lastFourDigits(value, "***-***-");
    }
  },
  /**
   * Keeps the first character of the local part and the domain of an email address:
   * {@code jane.doe@example.org} → {@code j***@example.org}; anything else becomes {@code ***}.
   */
  EMAIL {
    @Override
    Column mask(Column value) {
      return when(value.rlike("^[^@\\s]+@[^@\\s]+$"), regexp_replace(value, "^(.)[^@]*@", "$1***@"))
          .otherwise(lit(MASKED));
    }
  },
  /** Replaces every value by the fixed token {@value #REDACTED}. */
  TOKEN {
    @Override
    Column mask(Column value) {
      return lit(REDACTED);
    }
  },
  /** Replaces every value by null. */
  NULL {
    @Override
    Column mask(Column value) {
      return lit(null).cast(DataTypes.StringType);
    }
  };

  /** The token {@link #TOKEN} writes. */
  public static final String REDACTED = "[REDACTED]";
  private static final String MASKED = "***";

  /** The masked value; null stays null. Non-string columns are masked by their string form. */
  public Column apply(Column value) {
    Column text = value.cast(DataTypes.StringType);
    return when(text.isNotNull(), mask(text));
  }

  abstract Column mask(Column text);

  /** {@code prefix} and the last four digits, or {@code prefix****} when there are fewer than four. */
  private static Column lastFourDigits(Column value, String prefix) {
    Column digits = regexp_replace(value, "[^0-9]", "");
    return when(length(digits).geq(4), concat(lit(prefix), substring(digits, -4, 4)))
        .otherwise(lit(prefix + "****"));
  }
}

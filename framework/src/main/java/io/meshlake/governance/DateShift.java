package io.meshlake.governance;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.security.GeneralSecurityException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;

/**
 * A patient's date shift ({@link DatePolicy#shiftPerPatient}) in two steps, so that the keyed part can be
 * computed once per patient and kept ({@link PseudonymMap}) while the days follow each class's policy:
 *
 * <ol>
 *   <li>this Spark function: the first 32 bits (big-endian, unsigned) of the keyed HMAC of
 *       {@code date-shift:<patient id>}, its own HMAC namespace independent of the published pseudonyms
 *       (null patient, null bits);
 *   <li>{@link #days}: those bits mapped onto {@code -maxDays..-1, 1..maxDays}: {@code b = bits mod
 *       2*maxDays}; {@code b < maxDays} gives {@code -(b + 1)}, else {@code b - maxDays + 1}.
 * </ol>
 */
final class DateShift implements UDF1<String, Long> {
  private static final String NAMESPACE = "date-shift";

  private final HmacSha256 hmac;

  DateShift(PseudonymKey key) {
    this.hmac = new HmacSha256(key, NAMESPACE);
  }

  @Override
  public Long call(String patient) throws GeneralSecurityException, CloneNotSupportedException {
    if (patient == null) {
      return null;
    }
    byte[] digest = hmac.digest(patient);
    return ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8) | (digest[3] & 0xffL);
  }

  /** The shift in days (an int column) for a column of {@link #call} bits; null bits, null days. */
  static Column days(Column bits, int maxDays) {
    Column bucket = bits.mod(lit(2L * maxDays));
    return when(bucket.lt(maxDays), bucket.plus(1).unary_$minus()).otherwise(bucket.minus(maxDays - 1)).cast("int");
  }
}

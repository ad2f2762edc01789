package io.meshlake.governance;

import java.security.GeneralSecurityException;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The Spark function behind {@link DatePolicy#shiftPerPatient}: a patient's shift in days, from the
 * first 32 bits (big-endian, unsigned) of the keyed HMAC of {@code date-shift:<patient id>}, mapped onto
 * {@code -maxDays..-1, 1..maxDays}: {@code b = bits mod 2*maxDays}; {@code b < maxDays} gives
 * {@code -(b + 1)}, else {@code b - maxDays + 1}. Its own HMAC namespace keeps it independent of the
 * published pseudonyms. Null patient, null shift.
 */
final class DateShift implements UDF1<String, Integer> {
  private static final String NAMESPACE = "date-shift";

  private final HmacSha256 hmac;
  private final int maxDays;

  DateShift(PseudonymKey key, int maxDays) {
    this.hmac = new HmacSha256(key, NAMESPACE);
    this.maxDays = maxDays;
  }

  @Override
  public Integer call(String patient) throws GeneralSecurityException, CloneNotSupportedException {
    if (patient == null) {
      return null;
    }
    byte[] digest = hmac.digest(patient);
    long bits = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8) | (digest[3] & 0xffL);
    int bucket = (int) (bits % (2L * maxDays));
    return bucket < maxDays ? -(bucket + 1) : bucket - maxDays + 1;
  }
}

package io.meshlake.codes;

/**
 * National Provider Identifier (NPI) check-digit arithmetic.
 *
 * <p>An NPI is 10 digits: 9 identifier digits followed by a check digit. As the CMS NPI standard
 * specifies, the check digit is the Luhn check digit computed over the 9 identifier digits prefixed
 * with the card-issuer constant {@code 80840} (ISO 7812 health-industry prefix). For example
 * {@code 1234567893} is valid: Luhn over {@code 80840123456789} gives {@code 3}.
 */
public final class Npi {

  private static final String ISSUER_PREFIX = "80840";

  private Npi() {}

  /**
   * Tells whether {@code npi} is a well-formed NPI.
   *
   * @param npi candidate value; {@code null} is simply invalid
   * @return true if it is exactly 10 ASCII digits and its last digit is the Luhn check digit of
   *     {@code "80840"} followed by its first 9 digits
   */
  public static boolean isValid(String npi) {
    if (npi == null || npi.length() != 10 || !allDigits(npi)) {
      return false;
    }
    return luhnCheckDigit(npi, 9) == npi.charAt(9) - '0';
  }

  /**
   * Computes the check digit that completes a 9-digit NPI identifier.
   *
   * @param first9Digits exactly 9 ASCII digits
   * @return the 10th digit as a one-character string
   * @throws IllegalArgumentException if the argument is not exactly 9 ASCII digits
   */
  public static String checkDigitFor(String first9Digits) {
    if (first9Digits == null || first9Digits.length() != 9 || !allDigits(first9Digits)) {
      throw new IllegalArgumentException(
          "an NPI check digit is computed from exactly 9 digits, got "
              + (first9Digits == null ? "null" : "\"" + first9Digits + "\"")
              + ": pass the first 9 digits of the NPI, e.g. \"123456789\"");
    }
    return String.valueOf(luhnCheckDigit(first9Digits, 9));
  }

  /** Luhn check digit over {@code 80840} followed by the first {@code count} digits of {@code s}. */
  private static int luhnCheckDigit(String s, int count) {
    String payload = ISSUER_PREFIX + s.substring(0, count);
    int sum = 0;
    boolean doubleIt = true; // the rightmost payload digit sits next to the check digit
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}

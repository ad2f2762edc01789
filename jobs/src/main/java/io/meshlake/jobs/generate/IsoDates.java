package io.meshlake.jobs.generate;

/**
 * Allocation-free ISO-8601 formatting of epoch days ({@code 2014-10-06}) and epoch seconds ({@code
 * 2014-10-14T04:17:47Z}) into a char array, for years 0000-9999.
 */
final class IsoDates {

  static final long SECONDS_PER_DAY = 86_400L;

  /** Characters of {@code yyyy-MM-dd}. */
  static final int DATE_LENGTH = 10;

  /** Characters of {@code yyyy-MM-ddTHH:mm:ssZ}. */
  static final int TIMESTAMP_LENGTH = 20;

  private IsoDates() {}

  /** Writes {@code yyyy-MM-dd} of {@code epochDay} at {@code pos}; returns the position after it. */
  static int writeDate(long epochDay, char[] dst, int pos) {
    // Civil-from-days, H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    pos = writeDigits(year, 4, dst, pos);
    dst[pos++] = '-';
    pos = writeDigits(month, 2, dst, pos);
    dst[pos++] = '-';
    return writeDigits(day, 2, dst, pos);
  }

  /** Writes {@code yyyy-MM-ddTHH:mm:ssZ} of {@code epochSecond} at {@code pos}; returns the position after it. */
  static int writeTimestamp(long epochSecond, char[] dst, int pos) {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    int secondOfDay = (int) (epochSecond - day * SECONDS_PER_DAY);
    pos = writeDate(day, dst, pos);
    dst[pos++] = 'T';
    pos = writeDigits(secondOfDay / 3600, 2, dst, pos);
    dst[pos++] = ':';
    pos = writeDigits(secondOfDay / 60 % 60, 2, dst, pos);
    dst[pos++] = ':';
    pos = writeDigits(secondOfDay % 60, 2, dst, pos);
    dst[pos++] = 'Z';
    return pos;
  }

  private static int writeDigits(int value, int width, char[] dst, int pos) {
    for (int i = pos + width - 1; i >= pos; i--) {
      dst[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return pos + width;
  }
}

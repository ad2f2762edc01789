package io.meshlake.quality;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the durations of rule files: {@code 90m}, {@code 24h}, {@code 2d}, or ISO-8601 {@code PT24H}. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 90m, 24h, 2d or PT24H");
    }
  }

  static String format(Duration d) {
    if (d.toSeconds() % 86_400 == 0 && d.toDays() > 1) {
      return d.toDays() + "d";
    }
    if (d.toSeconds() % 3_600 == 0) {
      return d.toHours() + "h";
    }
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }
}

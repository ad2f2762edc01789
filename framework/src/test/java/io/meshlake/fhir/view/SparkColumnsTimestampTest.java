package io.meshlake.fhir.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparkColumnsTimestampTest {
  @Test
  void theDirectReadingAgreesWithJavaTimeOnRandomInstants() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      int year = 1 + random.nextInt(2999);
      int month = 1 + random.nextInt(12);
      int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
      String fraction = switch (random.nextInt(4)) {
        case 0 -> "";
        case 1 -> "." + random.nextInt(10);
        case 2 -> String.format(".%03d", random.nextInt(1000));
        default -> String.format(".%09d", random.nextInt(1_000_000_000));
      };
      int offsetMinutes = random.nextInt(2) == 0 ? 0 : (random.nextInt(2 * 14 * 60 + 1) - 14 * 60);
      String zone = offsetMinutes == 0 && random.nextBoolean() ? "Z"
          : String.format("%s%02d:%02d", offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60, Math.abs(offsetMinutes) % 60);
      String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", year, month, day, random.nextInt(24),
          random.nextInt(60), random.nextInt(60), fraction, zone);

      Timestamp expected = Timestamp.from(OffsetDateTime.parse(text).toInstant());

      assertThat(SparkColumns.instant(text)).as(text).isEqualTo(expected);
      assertThat(SparkColumns.timestamp(text)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void otherShapesAreLeftToJavaTime() {
    // no zone (UTC), a date only, out-of-range fields, ten fraction digits, a malformed offset, a non-ASCII digit
    for (String text : new String[] {"2024-02-01T10:00:00", "2024-02-01", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00+5:00",
        "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+19:00", "2024-01-01T00:00:00.\u0665Z"}) {
      assertThat(SparkColumns.instant(text)).as(text).isNull();
    }
    assertThat(SparkColumns.timestamp("2024-02-01T10:00:00"))
        .isEqualTo(Timestamp.from(OffsetDateTime.parse("2024-02-01T10:00:00Z").toInstant()));
  }
}

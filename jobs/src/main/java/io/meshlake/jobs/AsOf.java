package io.meshlake.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --as-of}: a date (midnight UTC) or an ISO-8601 instant, as Airflow's logical date prints. */
final class AsOf implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a date or time: write 2026-01-31 or 2026-01-31T06:00:00Z");
    }
  }
}

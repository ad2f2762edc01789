package io.meshlake.jobs.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side reader of a written CSV file, independent of the generator's code: splits on commas
 * and classifies each row as well-formed or malformed by the same rules a consumer would apply.
 */
final class CsvTable {

  final String header;
  final List<String> columns;
  final List<String[]> rows;

  private CsvTable(String header, List<String[]> rows) {
    this.header = header;
    this.columns = Arrays.asList(header.split(",", -1));
    this.rows = rows;
  }

  static CsvTable read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      List<String[]> rows = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        rows.add(line.split(",", -1));
      }
      return new CsvTable(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return i;
  }

  /** Dates, timestamps and decimals a consumer parses, per file (declared here, not taken from the generator). */
  private static final Map<String, List<String>> DATES =
      Map.of("patients", List.of("BIRTHDATE", "DEATHDATE"));
  private static final Map<String, List<String>> TIMESTAMPS =
      Map.of(
          "payer_transitions", List.of("START_YEAR", "END_YEAR"),
          "claims",
              List.of("CURRENTILLNESSDATE", "SERVICEDATE", "LASTBILLEDDATE1", "LASTBILLEDDATE2",
                  "LASTBILLEDDATEP"),
          "claims_transactions", List.of("FROMDATE", "TODATE"));
  private static final Map<String, List<String>> DECIMALS =
      Map.of(
          "patients", List.of("LAT", "LON", "HEALTHCARE_EXPENSES", "HEALTHCARE_COVERAGE"),
          "claims", List.of("OUTSTANDING1", "OUTSTANDING2", "OUTSTANDINGP"),
          "claims_transactions",
              List.of("AMOUNT", "UNITAMOUNT", "PAYMENTS", "TRANSFERS", "OUTSTANDING"));

  /** @return why {@code row} of table {@code base} (e.g. {@code "claims"}) is malformed, or null if it is well-formed */
  Malformation problem(String base, String[] row) {
    if (row.length != columns.size()) {
      return Malformation.WRONG_COLUMN_COUNT;
    }
    if (row[0].isEmpty()) {
      return Malformation.EMPTY_REQUIRED_ID;
    }
    for (String c : DATES.getOrDefault(base, List.of())) {
      if (!parses(row[column(c)], LocalDate::parse)) {
        return Malformation.UNPARSABLE_VALUE;
      }
    }
    for (String c : TIMESTAMPS.getOrDefault(base, List.of())) {
      if (!parses(row[column(c)], Instant::parse)) {
        return Malformation.UNPARSABLE_VALUE;
      }
    }
    for (String c : DECIMALS.getOrDefault(base, List.of())) {
      if (!parses(row[column(c)], BigDecimal::new)) {
        return Malformation.UNPARSABLE_VALUE;
      }
    }
    return null;
  }

  /** @return malformed rows per kind (every kind present) */
  Map<Malformation, Long> problemCounts(String base) {
    Map<Malformation, Long> counts = new EnumMap<>(Malformation.class);
    for (Malformation kind : Malformation.values()) {
      counts.put(kind, 0L);
    }
    for (String[] row : rows) {
      Malformation kind = problem(base, row);
      if (kind != null) {
        counts.merge(kind, 1L, Long::sum);
      }
    }
    return counts;
  }

  /** @return the well-formed rows */
  List<String[]> wellFormed(String base) {
    List<String[]> result = new ArrayList<>();
    for (String[] row : rows) {
      if (problem(base, row) == null) {
        result.add(row);
      }
    }
    return result;
  }

  private static boolean parses(String value, java.util.function.Function<String, ?> parser) {
    if (value.isEmpty()) {
      return true;
    }
    try {
      parser.apply(value);
      return true;
    } catch (DateTimeParseException | NumberFormatException e) {
      return false;
    }
  }
}

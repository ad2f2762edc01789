package io.meshlake.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a fixture CSV with a plain split, independently of meshlake's ingest, to compute expected
 * values in tests. Only for files without quoted values (checked).
 */
final class RawCsv {
  private RawCsv() {}

  static List<Map<String, String>> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      String[] header = lines.get(0).split(",", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.contains("\"")) {
          throw new IllegalStateException("RawCsv cannot read quoted values: " + line);
        }
        String[] cells = line.split(",", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest instant of a CSV, taking per row the first of {@code columns} with a value. */
  static Instant newest(Path file, String... columns) {
    return read(file).stream()
        .map(row -> java.util.Arrays.stream(columns).map(row::get).filter(v -> !v.isEmpty()).findFirst().orElseThrow())
        .map(Instant::parse).max(java.util.Comparator.naturalOrder()).orElseThrow();
  }

  /**
   * The logical time of the 27-patient sample per domain, against which freshness is judged: the
   * newest coverage end (member) or the newest claim transaction (claims).
   */
  static Instant sampleAsOf(Path fixture, String domain) {
    return domain.equals("member")
        ? newest(fixture.resolve("payer_transitions.csv"), "END_YEAR")
        : newest(fixture.resolve("claims_transactions.csv"), "TODATE", "FROMDATE");
  }
}

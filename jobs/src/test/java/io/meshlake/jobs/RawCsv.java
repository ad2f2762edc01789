package io.meshlake.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

package io.meshlake.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180 quoting, {@code ""} escapes a quote) into fields. Written by hand
 * because it sits on the hot path of every ingest and needs only this: one line, one delimiter.
 */
final class CsvLine {
  private CsvLine() {}

  /**
   * Returns the fields of a line.
   *
   * @throws IllegalArgumentException when a quoted field is not closed
   */
  static List<String> split(String line, char delimiter) {
    List<String> fields = new ArrayList<>(32);
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unterminated quoted value");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              value.append('"');
              i++;
            } else {
              break;
            }
          } else {
            value.append(c);
          }
        }
        fields.add(value.toString());
        if (i < n && line.charAt(i) != delimiter) {
          throw new IllegalArgumentException("text after a closing quote at position " + (i + 1));
        }
      } else {
        int end = line.indexOf(delimiter, i);
        if (end < 0) {
          end = n;
        }
        fields.add(line.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return fields;
      }
      i++; // past the delimiter
      if (i == n) {
        fields.add("");
        return fields;
      }
    }
  }
}

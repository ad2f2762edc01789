package io.meshlake.jobs.fhir;

import io.meshlake.fhir.view.RowJson;
import io.meshlake.fhir.view.ViewColumn;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints view rows as an aligned table, CSV (header first, RFC 4180 quoting) or NDJSON (one object per row). */
final class RowPrinter {
  /** Output formats. */
  enum Format { table, csv, ndjson }

  private final Format format;
  private final List<ViewColumn> columns;
  private final PrintStream out;
  private final List<String[]> table = new ArrayList<>();

  RowPrinter(Format format, List<ViewColumn> columns, PrintStream out) {
    this.format = format;
    this.columns = columns;
    this.out = out;
    if (format == Format.csv) {
      out.println(String.join(",", columns.stream().map(c -> csv(c.name())).toList()));
    }
  }

  void print(Object[] row) {
    switch (format) {
      case ndjson -> out.println(RowJson.of(columns, row));
      case csv -> {
        List<String> cells = new ArrayList<>(row.length);
        for (Object value : row) {
          cells.add(value == null ? "" : csv(text(value)));
        }
        out.println(String.join(",", cells));
      }
      case table -> {
        String[] cells = new String[row.length];
        for (int i = 0; i < row.length; i++) {
          cells[i] = row[i] == null ? "null" : text(row[i]);
        }
        table.add(cells);
      }
    }
  }

  /** Ends the output (the table is printed here, once column widths are known). */
  void finish(long rows) {
    if (format != Format.table) {
      return;
    }
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).name().length();
      for (String[] cells : table) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(columns.stream().map(ViewColumn::name).toArray(String[]::new), widths));
    out.println(rule);
    table.forEach(cells -> out.println(line(cells, widths)));
    out.println(rule);
    out.println(rows + (rows == 1 ? " row" : " rows"));
  }

  private static String text(Object value) {
    return value instanceof String s ? s : RowJson.value(value).toString().replaceAll("^\"|\"$", "");
  }

  private static String rule(int[] widths) {
    StringBuilder line = new StringBuilder("+");
    for (int width : widths) {
      line.append("-".repeat(width + 2)).append('+');
    }
    return line.toString();
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
    }
    return line.toString();
  }

  private static String csv(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }
}
